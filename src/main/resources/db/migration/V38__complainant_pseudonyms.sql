-- A citizen's pseudonym is stored, not computed (complaint/handling/ComplainantPseudonyms): a random value made on the
-- account's first request, found again by a keyed hash of the account's id (HMAC under a KEK-derived key), so the
-- table never holds the id. Erasure deletes the row: afterwards nothing stored, and no key, links the account to the
-- pseudonym its complaints carry, and the account's next request gets a fresh one.
CREATE TABLE complainant_pseudonyms (
    account_hash text PRIMARY KEY,
    pseudonym    text NOT NULL UNIQUE
);

-- Pseudonyms erased since. Before V34 a pseudonym was the keyed hash itself; an account with complaints under that
-- value adopts it on its first lookup, so as to keep its complaints, unless it was erased: this list is what stops an
-- erased account from adopting its old pseudonym again. It holds pseudonyms only, which the events carry anyway.
CREATE TABLE erased_pseudonyms (
    pseudonym text PRIMARY KEY
);
