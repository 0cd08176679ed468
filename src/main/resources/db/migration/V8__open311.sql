-- Open311 GeoReport v2 (README, "Open311"). Its services are our categories, and its service list publishes a name,
-- a description, keywords and a group for each: reference data like the codes themselves, so it lives beside them.
ALTER TABLE categories
    ADD COLUMN name        text,
    ADD COLUMN description text,
    ADD COLUMN keywords    text,
    ADD COLUMN group_name  text;

UPDATE categories AS c SET name = v.name, description = v.description, keywords = v.keywords, group_name = v.group_name
  FROM (VALUES
    ('INFRASTRUCTURE', 'Roads, bridges and public works',
     'Damaged roads, bridges, drains, street lights and other public works.',
     'road, pothole, bridge, drain, street light, jalan, jembatan, drainase, lampu jalan', 'public works'),
    ('TRANSPORT', 'Transport and traffic',
     'Public transport, traffic signs and signals, parking and harbour services.',
     'bus, traffic, parking, ferry, angkutan, lalu lintas, parkir, pelabuhan', 'public works'),
    ('HEALTH', 'Health services',
     'Puskesmas, hospitals, health insurance (BPJS) and other health services.',
     'puskesmas, hospital, clinic, BPJS, rumah sakit, kesehatan', 'public services'),
    ('EDUCATION', 'Education',
     'Schools, teachers, enrolment and school assistance programmes.',
     'school, teacher, enrolment, sekolah, guru, PPDB, bantuan sekolah', 'public services'),
    ('POPULATION_ADMIN', 'Population administration',
     'Identity cards (KTP), family cards (KK), birth and death certificates.',
     'KTP, e-KTP, KK, akta kelahiran, akta kematian, kependudukan, dukcapil', 'public services'),
    ('LICENSING', 'Permits and licensing',
     'Business and building permits and other licences from the one-stop service.',
     'permit, licence, izin usaha, PBG, IMB, perizinan, OSS', 'public services'),
    ('SOCIAL_WELFARE', 'Social welfare',
     'Social assistance programmes and services for vulnerable residents.',
     'social assistance, bansos, PKH, BLT, kesejahteraan sosial', 'social'),
    ('ENVIRONMENT', 'Environment and waste',
     'Waste collection, pollution, flooding and damage to the environment.',
     'waste, rubbish, pollution, flood, sampah, pencemaran, banjir, lingkungan', 'environment'),
    ('EXTORTION', 'Illegal fees (pungli)',
     'Officials asking for payments that no regulation sets.',
     'illegal fee, bribe, pungli, pungutan liar, suap', 'integrity'),
    ('DISCRIMINATION', 'Discrimination',
     'Unequal treatment in a public service.',
     'discrimination, unfair treatment, diskriminasi', 'integrity'),
    ('STAFF_CONDUCT', 'Conduct of public servants',
     'Rude, absent or negligent staff at a public service.',
     'staff, rude, absent, petugas, pelayanan buruk, ASN', 'integrity'),
    ('OTHER', 'Other public services',
     'Any other complaint about a public service of the regency.',
     'other, lainnya', 'other')
  ) AS v (code, name, description, keywords, group_name)
 WHERE c.code = v.code;

-- a category added later must come with what the service list shows
ALTER TABLE categories
    ALTER COLUMN name SET NOT NULL,
    ALTER COLUMN description SET NOT NULL,
    ALTER COLUMN keywords SET NOT NULL,
    ALTER COLUMN group_name SET NOT NULL;

-- The client applications allowed to file service requests. Only a SHA-256 of each key is kept: keys are random
-- strings of at least 128 bits that the regency hands out, so a fast hash is enough, and a leak of this table gives
-- no one a key. Revoking sets revoked_at; the row stays so that the client's name still explains old filings.
CREATE TABLE open311_api_keys (
    key_hash    char(64)    PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    client      text        NOT NULL CHECK (client ~ '^[a-z0-9-]{2,64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- The updates feed (servicerequestupdates) reads the events of a period, in time order. BRIN, not B-tree: events
-- arrive in roughly the order they happen, so block ranges summarise them well, and every append to the ledger
-- would pay for a B-tree's maintenance while only this feed reads it.
CREATE INDEX events_occurred_at ON events USING brin (occurred_at);
