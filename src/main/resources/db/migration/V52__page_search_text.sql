-- Each page's text as a search compares it: Unicode-normalised (NFKC: ligatures split,
-- full-width letters narrowed), lower-cased, every run of white space one space, so that
-- a phrase found across a line break is found. Kept with the page (generated, so it is
-- always the text's), and the search term goes through the same function: the viewer's
-- "find" reads the pages that contain a term instead of fetching the whole document.
create function assay_search_text(text) returns text
    language sql
    immutable
    strict
    parallel safe
return lower(normalize(regexp_replace($1, '\s+', ' ', 'g'), nfkc));

alter table parsed_pages
    add column normalized_text text generated always as (assay_search_text(text)) stored;
