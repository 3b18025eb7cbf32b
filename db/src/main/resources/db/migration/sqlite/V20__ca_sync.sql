-- ca-sync: what head-office response batches brought to this workstation (see docs/batch-format.md).
-- Batches themselves are rows of ho_batch (V1); these tables hold their items.

-- The head office's answer to one renewal case: an issued certificate or a rejection. One answer per case.
CREATE TABLE ca_response_item (
    case_id             INTEGER PRIMARY KEY REFERENCES renewal_case(id),
    batch_id            INTEGER NOT NULL REFERENCES ho_batch(id),
    outcome             TEXT NOT NULL CHECK (outcome IN ('ISSUED', 'REJECTED')),
    certificate_der     BLOB,
    certificate_sha256  TEXT UNIQUE,
    serial_hex          TEXT,
    issuer_dn           TEXT,
    subject_dn          TEXT,
    not_before          TEXT,
    not_after           TEXT,
    reject_code         TEXT,
    reject_reason       TEXT,
    received_at         TEXT NOT NULL,
    CHECK ((outcome = 'ISSUED') = (certificate_der IS NOT NULL)),
    CHECK ((outcome = 'REJECTED') = (reject_reason IS NOT NULL))
);
CREATE INDEX ca_response_item_batch ON ca_response_item(batch_id);

-- CA certificates (chain) received from head office.
CREATE TABLE ca_certificate (
    sha256       TEXT PRIMARY KEY,
    subject_dn   TEXT NOT NULL,
    issuer_dn    TEXT NOT NULL,
    not_after    TEXT NOT NULL,
    der          BLOB NOT NULL,
    batch_id     INTEGER NOT NULL REFERENCES ho_batch(id),
    received_at  TEXT NOT NULL
);

-- CRLs received from head office (every one kept: they are evidence of what was known when).
CREATE TABLE ca_crl (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    issuer_dn    TEXT NOT NULL,
    crl_number   TEXT,
    this_update  TEXT NOT NULL,
    next_update  TEXT,
    der          BLOB NOT NULL,
    batch_id     INTEGER NOT NULL REFERENCES ho_batch(id),
    received_at  TEXT NOT NULL
);
CREATE INDEX ca_crl_issuer ON ca_crl(issuer_dn, this_update);

-- Reference-data updates from head office (e.g. a token reported lost through another channel).
CREATE TABLE ca_token_update (
    id            INTEGER PRIMARY KEY,
    batch_id      INTEGER NOT NULL REFERENCES ho_batch(id),
    token_serial  TEXT NOT NULL,
    status        TEXT NOT NULL,
    reported_at   TEXT,
    note          TEXT,
    received_at   TEXT NOT NULL
);
CREATE INDEX ca_token_update_serial ON ca_token_update(token_serial);

-- Batch files refused by a check; the file itself lies in the quarantine folder with a reason file.
CREATE TABLE ca_quarantine (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    quarantine_name TEXT NOT NULL,
    file_sha256     TEXT,
    size            INTEGER NOT NULL,
    reason_code     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    quarantined_at  TEXT NOT NULL
);
