-- Staff search (issue 14 item 5): PostgreSQL full-text search with the indonesian configuration (its Snowball stemmer
-- takes "perbaikan" and "diperbaiki" to the same stem "baik") over what the complainant and staff both see: the title,
-- the description and the agency's follow-ups, which are public. Derived from the view's document by PostgreSQL
-- itself, so it follows every projection write and rebuild without the projector knowing of it; internal notes and
-- the sealed complainant are not in these fields and never reach the index.
ALTER TABLE complaint_views ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian'::regconfig, coalesce(state ->> 'title', '')), 'A')
    || setweight(to_tsvector('indonesian'::regconfig, coalesce(state ->> 'description', '')), 'B')
    || setweight(jsonb_to_tsvector('indonesian'::regconfig,
                                   jsonb_path_query_array(state, '$.followUps[*].message'), '["string"]'), 'C')
) STORED;

CREATE INDEX complaint_views_search ON complaint_views USING gin (search_text);
-- With the default statistics, a word outside the sampled most common ones is estimated at about 0.5% of the rows,
-- so a rare word's search walked the filing-date index backwards through most of the table (0.9 s at a million
-- views) instead of asking the GIN index for its few hundred rows. A larger sample keeps more words and a lower floor.
ALTER TABLE complaint_views ALTER COLUMN search_text SET STATISTICS 2000;
-- the list's order (newest first) with its filters: category and channel are selective enough to lead
CREATE INDEX complaint_views_category_submitted ON complaint_views (category, submitted_at);
