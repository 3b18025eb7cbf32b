-- ca-sync: signed customer extracts from head office (docs/customer-extract.md, docs/adr/0055).
-- One row per imported extract; the customers, documents, cards, tokens and certificates it brought live in the
-- core tables (V1). The row makes a second import of the same file a no-op and refuses older or replayed extracts.
CREATE TABLE ca_customer_extract (
    id            INTEGER PRIMARY KEY,
    extract_id    TEXT NOT NULL UNIQUE,          -- CUS-<branch>-<sequence, 8 digits>
    branch_id     TEXT NOT NULL,
    sequence      INTEGER NOT NULL CHECK (sequence > 0),
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,                 -- of the signed file
    signer        TEXT NOT NULL,                 -- subject of the pinned head-office certificate that signed it
    created_at    TEXT NOT NULL,                 -- when head office made the extract
    customers     INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    cards         INTEGER NOT NULL,
    tokens        INTEGER NOT NULL,
    certificates  INTEGER NOT NULL,
    imported_at   TEXT NOT NULL,
    UNIQUE (branch_id, sequence)
);
