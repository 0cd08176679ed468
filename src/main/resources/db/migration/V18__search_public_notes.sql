-- Staff search (issue 14) also finds the complaint's public conversation: the notes the complainant sees too
-- (public messages, the agency's questions and the answers, progress updates). Internal notes (staff talking to
-- staff: dispatch notes, decline reasons, extension requests) are filtered out by the path and never reach the index.
-- PostgreSQL 15 cannot change a generated column's expression in place, so the column (and its index) is made anew;
-- PostgreSQL fills it from each row's document.
ALTER TABLE complaint_views DROP COLUMN search_text;
ALTER TABLE complaint_views ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian'::regconfig, coalesce(state ->> 'title', '')), 'A')
    || setweight(to_tsvector('indonesian'::regconfig, coalesce(state ->> 'description', '')), 'B')
    || setweight(jsonb_to_tsvector('indonesian'::regconfig,
                                   jsonb_path_query_array(state, '$.followUps[*].message'), '["string"]'), 'C')
    || setweight(jsonb_to_tsvector('indonesian'::regconfig,
                                   jsonb_path_query_array(state, '$.notes[*] ? (@.audience == "PUBLIC").text'),
                                   '["string"]'), 'C')
) STORED;

CREATE INDEX complaint_views_search ON complaint_views USING gin (search_text);
ALTER TABLE complaint_views ALTER COLUMN search_text SET STATISTICS 2000;
