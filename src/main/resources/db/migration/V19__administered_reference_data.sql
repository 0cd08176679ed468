-- Reference data is administered at run time now (reference/, issue 17): agencies, categories and Open311 API keys
-- are changed by the regency's administrator through the API, each change recorded first as an event on its
-- hash-chained reference stream, so the tables are the current state of a history the ledger keeps. The runtime role
-- may add and change rows (retire, revoke, new contacts); it still may not delete them, and signing keys stay the
-- migration owner's alone.
GRANT INSERT, UPDATE ON TABLE agencies, categories, open311_api_keys TO ledger_runtime;
