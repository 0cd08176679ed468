-- Administration of the reference data (issue 17, README "Administration"). Every change is first an event in the
-- ledger (a reference stream per kind, hash-chained and sequenced like a complaint's); these tables are the current
-- state those events produce, written in the same transaction as the event, so a read after the admin's 201 sees it.

-- Contacts of an agency or unit for alerts: [{"kind":"email"|"phone","sealed":"v1.…"}], the address sealed under
-- the data key of the agency or unit (subject "agency:<id>"), so no address is in clear here or in an event.
ALTER TABLE agencies ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]';

-- The units inside an agency (bidang, UPT, kecamatan, kelurahan), as a tree under the agency.
CREATE TABLE agency_units (
    id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    agency_id  text        NOT NULL REFERENCES agencies (id),
    parent_id  text        REFERENCES agency_units (id),
    kind       text        NOT NULL CHECK (kind IN ('BIDANG', 'UPT', 'KECAMATAN', 'KELURAHAN')),
    name       text        NOT NULL,
    contacts   jsonb       NOT NULL DEFAULT '[]',
    added_at   timestamptz NOT NULL
);
CREATE INDEX agency_units_agency ON agency_units (agency_id);

-- A retired category stays (old complaints name it) but takes no new filings.
ALTER TABLE categories
    ADD COLUMN name_id           text,
    ADD COLUMN name_en           text,
    ADD COLUMN default_agency_id text REFERENCES agencies (id),
    ADD COLUMN retired_at        timestamptz;
UPDATE categories SET name_en = name;
UPDATE categories AS c SET name_id = v.name_id, default_agency_id = v.agency
  FROM (VALUES
    ('INFRASTRUCTURE', 'Jalan, jembatan dan pekerjaan umum', 'dinas-pupr'),
    ('TRANSPORT', 'Transportasi dan lalu lintas', 'dishub'),
    ('HEALTH', 'Layanan kesehatan', 'dinkes'),
    ('EDUCATION', 'Pendidikan', 'disdik'),
    ('POPULATION_ADMIN', 'Administrasi kependudukan', 'disdukcapil'),
    ('LICENSING', 'Perizinan', 'dpmptsp'),
    ('SOCIAL_WELFARE', 'Kesejahteraan sosial', 'dinsos'),
    ('ENVIRONMENT', 'Lingkungan hidup dan sampah', 'dlh'),
    ('EXTORTION', 'Pungutan liar', 'inspektorat'),
    ('DISCRIMINATION', 'Diskriminasi', NULL),
    ('STAFF_CONDUCT', 'Perilaku aparatur', 'inspektorat'),
    ('OTHER', 'Layanan publik lainnya', NULL)
  ) AS v (code, name_id, agency)
 WHERE c.code = v.code;

-- Holiday calendars: a version per change, so a deadline policy version can name the calendar version it counts with.
CREATE TABLE holiday_calendars (
    id      text    PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    name    text    NOT NULL,
    version integer NOT NULL DEFAULT 0
);
INSERT INTO holiday_calendars (id, name) VALUES ('national', 'Libur nasional dan cuti bersama');

CREATE TABLE holidays (
    calendar_id text NOT NULL REFERENCES holiday_calendars (id),
    date        date NOT NULL,
    name        text NOT NULL,
    PRIMARY KEY (calendar_id, date)
);

-- Every version of every SLA policy: a version is never edited, a change is the next version.
CREATE TABLE sla_policies (
    policy_id        text        NOT NULL CHECK (policy_id ~ '^[a-z0-9-]{2,64}$'),
    version          integer     NOT NULL CHECK (version > 0),
    category         text,
    report_type      text,
    rules            jsonb       NOT NULL,
    calendar_id      text        NOT NULL REFERENCES holiday_calendars (id),
    calendar_version integer     NOT NULL,
    set_at           timestamptz NOT NULL,
    set_by           text        NOT NULL,
    PRIMARY KEY (policy_id, version)
);

-- Open311 keys get an id to list and revoke them by, and the key's last four characters so an admin can tell them
-- apart; the key itself is shown once, at creation, and only its SHA-256 is kept.
ALTER TABLE open311_api_keys
    ADD COLUMN key_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    ADD COLUMN hint   text NOT NULL DEFAULT '';

-- Disposition inside an agency: the unit a complaint is assigned to, for the unit-scoped officer's queue. Kept by the
-- complaint-views projection from complaint.assigned-to-unit; a database that ran before this migration gets it
-- for older assignments by rebuilding that projection (there are none before this release).
ALTER TABLE complaint_views ADD COLUMN unit_id text;
CREATE INDEX complaint_views_unit_queue ON complaint_views (agency_id, unit_id, due_at, id) WHERE unit_id IS NOT NULL;
