-- A parsed document's pages, one row each, instead of one JSON value holding them all: a
-- reader of one page (the evidence viewer) reads that page, and a job reads the pages'
-- text and term counts without the line boxes it never uses. The terms of every page are
-- counted at upload, in the page's language, so that retrieval ranks pages without
-- analysing their text again; terms_version names the analysis they were counted with
-- (counts from an older analysis are counted again when next read).
create table parsed_pages (
    organization_id uuid    not null,
    sha256          bytea   not null,
    parser_version  integer not null,
    number          integer not null constraint parsed_pages_number_check check (number >= 1),
    width           real    not null,
    height          real    not null,
    text            text    not null,
    lines           jsonb   not null,
    source          text    not null constraint parsed_pages_source_check
                                     check (source in ('TEXT_LAYER', 'OCR', 'NOT_READ')),
    section         text,
    garbled         boolean not null default false,
    label           text,
    language        text constraint parsed_pages_language_check check (language in ('english', 'german', 'french')),
    terms           jsonb,
    terms_version   integer,
    primary key (organization_id, sha256, parser_version, number),
    foreign key (organization_id, sha256, parser_version)
        references parsed_documents (organization_id, sha256, parser_version) on delete cascade,
    constraint parsed_pages_terms_check check ((terms is null) = (terms_version is null))
);

insert into parsed_pages (organization_id, sha256, parser_version, number, width, height, text, lines, source,
                          section, garbled, label)
select d.organization_id, d.sha256, d.parser_version, p.number::integer,
       coalesce((p.page ->> 'width')::real, 0), coalesce((p.page ->> 'height')::real, 0),
       coalesce(p.page ->> 'text', ''), coalesce(p.page -> 'lines', '[]'::jsonb),
       coalesce(p.page ->> 'source', 'TEXT_LAYER'), p.page ->> 'section',
       coalesce((p.page ->> 'garbled')::boolean, false), p.page ->> 'label'
  from parsed_documents d
 cross join lateral jsonb_array_elements(d.content -> 'pages') with ordinality as p(page, number)
 where jsonb_typeof(d.content -> 'pages') = 'array';

alter table parsed_documents add column page_count integer not null default 0;
update parsed_documents
   set page_count = case when jsonb_typeof(content -> 'pages') = 'array'
                         then jsonb_array_length(content -> 'pages') else 0 end,
       content = content - 'pages';

grant select, insert, delete on parsed_pages to assay_application;
grant update (terms, terms_version, language) on parsed_pages to assay_application;

alter table parsed_pages enable row level security;
create policy parsed_pages_tenant on parsed_pages
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
