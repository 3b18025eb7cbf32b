-- Renewal (V30-V39): a certificate issued for a case that was closed without installing it (docs/adr/0050).
--
-- 1. certificate.status gains ABANDONED: issued by head office for a renewal that never completed, never the
--    customer's certificate in use, its revocation requested. SQLite cannot change a CHECK constraint in place, so
--    the table is rebuilt (copy aside, drop, create, copy back). renewal_case and ca-sync rows point at certificate
--    ids: with deferred foreign keys the drop's implicit delete only counts violations, and copying the same ids
--    back resolves them before the commit. Indexes of certificate (V1) are made again below.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE certificate_before_v31 AS SELECT * FROM certificate;
DROP TABLE certificate;

CREATE TABLE certificate (
    id                  INTEGER PRIMARY KEY,
    token_id            INTEGER NOT NULL REFERENCES token(id),
    serial_hex          TEXT NOT NULL,
    issuer_dn           TEXT NOT NULL,
    subject_dn          TEXT NOT NULL,
    not_before          TEXT NOT NULL,
    not_after           TEXT NOT NULL,
    sha256_fingerprint  TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED', 'REVOKED', 'ABANDONED')),
    der                 BLOB,
    CHECK (not_before < not_after),
    UNIQUE (issuer_dn, serial_hex)
);

INSERT INTO certificate (id, token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, sha256_fingerprint,
                         status, der)
SELECT id, token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, sha256_fingerprint, status, der
  FROM certificate_before_v31;
DROP TABLE certificate_before_v31;

CREATE INDEX certificate_token ON certificate(token_id, status);
CREATE INDEX certificate_not_after ON certificate(not_after);

-- An abandoned certificate is never the customer's again: it may only go on to REVOKED (head office confirmed).
CREATE TRIGGER certificate_abandoned_stays_abandoned
BEFORE UPDATE OF status ON certificate
FOR EACH ROW WHEN OLD.status = 'ABANDONED' AND NEW.status NOT IN ('ABANDONED', 'REVOKED')
BEGIN
    SELECT RAISE(ABORT, 'an abandoned certificate cannot become the customer''s certificate again');
END;

-- 2. Revocations the branch asks head office for on its own (not the "superseded" one sent with every request):
--    one row per abandoned certificate, sent in the next request batch (request_batch_id set in the export's
--    transaction), confirmed when a head-office CRL lists the serial.
CREATE TABLE certificate_revocation_request (
    id                INTEGER PRIMARY KEY,
    certificate_id    INTEGER NOT NULL UNIQUE REFERENCES certificate(id),
    case_id           INTEGER NOT NULL REFERENCES renewal_case(id),
    reason            TEXT NOT NULL CHECK (reason IN ('cessationOfOperation')),
    requested_by      TEXT NOT NULL,
    requested_at      TEXT NOT NULL,
    request_batch_id  INTEGER REFERENCES ho_batch(id),
    confirmed_at      TEXT,                       -- when a head-office CRL listing the serial was imported
    crl_sha256        TEXT                        -- that CRL
);
CREATE INDEX certificate_revocation_request_unsent ON certificate_revocation_request(id)
    WHERE request_batch_id IS NULL;

-- 3. The install step records its intent before it writes to the token (as the key step does), so an abort can
--    tell "head office answered, nothing written yet" from "the new certificate may be on the token".
ALTER TABLE renewal_case_progress ADD COLUMN install_started_at TEXT;
