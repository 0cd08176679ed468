-- Which version of each projection's row shape built its rows (Projector.version()). An instance that starts with a
-- higher version rebuilds the projection before its rows are served, instead of reading documents of a shape it
-- no longer knows.
CREATE TABLE projection_versions (
    projection text        PRIMARY KEY,
    version    integer     NOT NULL,
    built_at   timestamptz NOT NULL DEFAULT now()
);

-- The projections running before versions were recorded were built by version 1 (complaint-views: the decider's
-- state as its document), so that only the ones whose shape has changed since are rebuilt.
INSERT INTO projection_versions (projection, version)
SELECT DISTINCT projection, 1 FROM projection_segments;
