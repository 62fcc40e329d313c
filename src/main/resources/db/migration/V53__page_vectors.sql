-- Each page's meaning as retrieval's sentence embedding model reads it: one vector for
-- every window of the page's text (half-precision floats, see io.assay.document.PageVectors),
-- made the first time the page is ranked and kept, because making them costs far more
-- than reading them (about 10 ms a window on one core). vectors_model names the model and
-- the windowing they were made with; vectors made otherwise are made again.
alter table parsed_pages add column vectors bytea, add column vectors_model text;
alter table parsed_pages add constraint parsed_pages_vectors_check check ((vectors is null) = (vectors_model is null));

grant update (vectors, vectors_model) on parsed_pages to assay_application;
