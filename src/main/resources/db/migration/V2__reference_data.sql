-- Reference data: the regency's agencies (Perangkat Daerah of Kabupaten Bengkalis) and complaint categories.
CREATE TABLE agencies (
    id      text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    name    text NOT NULL,
    regency text NOT NULL
);

INSERT INTO agencies (id, name, regency) VALUES
    ('dinas-pupr',      'Dinas Pekerjaan Umum dan Penataan Ruang', 'Bengkalis'),
    ('dinkes',          'Dinas Kesehatan', 'Bengkalis'),
    ('disdik',          'Dinas Pendidikan', 'Bengkalis'),
    ('disdukcapil',     'Dinas Kependudukan dan Pencatatan Sipil', 'Bengkalis'),
    ('dpmptsp',         'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Bengkalis'),
    ('dlh',             'Dinas Lingkungan Hidup', 'Bengkalis'),
    ('dishub',          'Dinas Perhubungan', 'Bengkalis'),
    ('dinsos',          'Dinas Sosial', 'Bengkalis'),
    ('disperkim',       'Dinas Perumahan Rakyat dan Kawasan Permukiman', 'Bengkalis'),
    ('satpol-pp',       'Satuan Polisi Pamong Praja', 'Bengkalis'),
    ('bpbd',            'Badan Penanggulangan Bencana Daerah', 'Bengkalis'),
    ('rsud-bengkalis',  'RSUD Bengkalis', 'Bengkalis'),
    ('inspektorat',     'Inspektorat Daerah', 'Bengkalis');

CREATE TABLE categories (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,63}$')
);

INSERT INTO categories (code) VALUES
    ('INFRASTRUCTURE'), ('HEALTH'), ('EDUCATION'), ('POPULATION_ADMIN'), ('LICENSING'), ('EXTORTION'),
    ('DISCRIMINATION'), ('STAFF_CONDUCT'), ('ENVIRONMENT'), ('SOCIAL_WELFARE'), ('TRANSPORT'), ('OTHER');
