-- Core schema of the workstation database. Times are ISO-8601 UTC text, dates ISO yyyy-MM-dd text.
-- Migration numbering: V1-V9 db core, V10-V19 audit, V20-V29 ca-sync, V30-V39 renewal (see docs/adr/0003).

CREATE TABLE branch (
    id          TEXT PRIMARY KEY,            -- bank's branch code
    name        TEXT NOT NULL
);

CREATE TABLE workstation (
    id          TEXT PRIMARY KEY,            -- e.g. 0102-W03
    branch_id   TEXT NOT NULL REFERENCES branch(id),
    name        TEXT NOT NULL,
    training    INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE staff_user (
    id               INTEGER PRIMARY KEY,
    login            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('TELLER', 'MANAGER', 'TRAINER')),
    branch_id        TEXT NOT NULL REFERENCES branch(id),
    password_hash    TEXT NOT NULL,           -- PHC-style Argon2id string, never the password
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     TEXT,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE customer (
    id           INTEGER PRIMARY KEY,
    customer_no  TEXT NOT NULL UNIQUE,        -- bank's customer number
    name         TEXT NOT NULL,
    birth_date   TEXT,
    gender       TEXT CHECK (gender IN ('M', 'F')),
    phone        TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX customer_name ON customer(name);

CREATE TABLE identity_document (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer(id),
    doc_type     TEXT NOT NULL CHECK (doc_type IN ('RESIDENT_ID', 'PASSPORT', 'HK_MACAU_PERMIT', 'TAIWAN_PERMIT',
                                                   'RESIDENCE_PERMIT_HMT', 'FOREIGNER_PERMANENT_ID', 'HOUSEHOLD_REGISTER')),
    doc_number   TEXT NOT NULL,
    name         TEXT NOT NULL,               -- name as printed on the document
    valid_from   TEXT,
    valid_to     TEXT,                        -- NULL: long-term (长期)
    primary_doc  INTEGER NOT NULL DEFAULT 1 CHECK (primary_doc IN (0, 1)),
    UNIQUE (doc_type, doc_number)
);
CREATE INDEX identity_document_customer ON identity_document(customer_id);

-- The full card number is never stored: BIN and last four for display and issuer checks,
-- and a keyed hash (HMAC-SHA256 with the workstation's matching key) to match a presented card.
CREATE TABLE bank_card (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customer(id),
    bin             TEXT NOT NULL CHECK (length(bin) BETWEEN 6 AND 8),
    last4           TEXT NOT NULL CHECK (length(last4) = 4),
    pan_length      INTEGER NOT NULL CHECK (pan_length BETWEEN 13 AND 19),
    pan_hmac        TEXT NOT NULL UNIQUE,
    card_kind       TEXT NOT NULL CHECK (card_kind IN ('DEBIT', 'CREDIT')),
    online_banking  INTEGER NOT NULL DEFAULT 0 CHECK (online_banking IN (0, 1)),
    status          TEXT NOT NULL CHECK (status IN ('ACTIVE', 'LOST', 'CLOSED', 'FROZEN')),
    created_at      TEXT NOT NULL
);
CREATE INDEX bank_card_customer ON bank_card(customer_id);

CREATE TABLE token (
    id                INTEGER PRIMARY KEY,
    serial            TEXT NOT NULL UNIQUE,   -- serial read from the token (CK_TOKEN_INFO.serialNumber)
    media_voucher_no  TEXT CHECK (media_voucher_no IS NULL OR length(media_voucher_no) = 10),
    model             TEXT NOT NULL,
    manufacturer      TEXT NOT NULL,
    customer_id       INTEGER NOT NULL REFERENCES customer(id),
    status            TEXT NOT NULL CHECK (status IN ('ACTIVE', 'LOST', 'REPLACED', 'END_OF_LIFE')),
    registered_at     TEXT NOT NULL
);
CREATE INDEX token_customer ON token(customer_id);

CREATE TABLE certificate (
    id                  INTEGER PRIMARY KEY,
    token_id            INTEGER NOT NULL REFERENCES token(id),
    serial_hex          TEXT NOT NULL,
    issuer_dn           TEXT NOT NULL,
    subject_dn          TEXT NOT NULL,
    not_before          TEXT NOT NULL,
    not_after           TEXT NOT NULL,
    sha256_fingerprint  TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED', 'REVOKED')),
    der                 BLOB,
    CHECK (not_before < not_after),
    UNIQUE (issuer_dn, serial_hex)
);
CREATE INDEX certificate_token ON certificate(token_id, status);
CREATE INDEX certificate_not_after ON certificate(not_after);

CREATE TABLE renewal_case (
    id                   INTEGER PRIMARY KEY,
    case_no              TEXT NOT NULL UNIQUE,
    workstation_id       TEXT NOT NULL REFERENCES workstation(id),
    teller_login         TEXT NOT NULL REFERENCES staff_user(login),
    customer_id          INTEGER REFERENCES customer(id),
    token_id             INTEGER REFERENCES token(id),
    old_certificate_id   INTEGER REFERENCES certificate(id),
    new_certificate_id   INTEGER REFERENCES certificate(id),
    state                TEXT NOT NULL CHECK (state IN ('OPENED', 'ID_VERIFIED', 'CARD_VERIFIED', 'TOKEN_VERIFIED',
                              'KEY_GENERATED', 'CSR_QUEUED', 'CERT_RECEIVED', 'CERT_INSTALLED', 'COMPLETED', 'ABORTED')),
    abort_reason         TEXT,
    new_key_id           TEXT,                -- CKA_ID (hex) of the key pair generated on the token
    csr_der              BLOB,
    csr_key_sha256       TEXT,                -- SHA-256 of the CSR's SubjectPublicKeyInfo: how a certificate finds its case
    request_batch_id     INTEGER REFERENCES ho_batch(id),
    opened_at            TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 0,
    CHECK ((state = 'ABORTED') = (abort_reason IS NOT NULL))
);
CREATE INDEX renewal_case_state ON renewal_case(state, updated_at);
CREATE INDEX renewal_case_teller ON renewal_case(teller_login, opened_at);
CREATE INDEX renewal_case_customer ON renewal_case(customer_id);
CREATE UNIQUE INDEX renewal_case_csr_key ON renewal_case(csr_key_sha256) WHERE csr_key_sha256 IS NOT NULL;

CREATE TABLE case_state_history (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES renewal_case(id),
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX case_state_history_case ON case_state_history(case_id, id);

CREATE TABLE ho_batch (
    id              INTEGER PRIMARY KEY,
    direction       TEXT NOT NULL CHECK (direction IN ('OUT', 'IN')),
    workstation_id  TEXT NOT NULL REFERENCES workstation(id),
    sequence        INTEGER NOT NULL CHECK (sequence > 0),
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('WRITTEN', 'SENT', 'IMPORTED', 'QUARANTINED')),
    item_count      INTEGER NOT NULL DEFAULT 0,
    detail          TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (direction, workstation_id, sequence)
);
CREATE INDEX ho_batch_status ON ho_batch(direction, status);
