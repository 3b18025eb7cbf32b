-- Audit log (owned by the audit module, see docs/audit-format.md). Append-only: triggers refuse UPDATE and DELETE.
-- Entries are the leaves of an RFC 9162 Merkle tree; seq is the 0-based leaf index.

CREATE TABLE audit_entry (
    seq           INTEGER PRIMARY KEY CHECK (seq >= 0),   -- leaf index, no gaps
    at            TEXT NOT NULL,                          -- ISO-8601 UTC
    workstation   TEXT NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    case_id       INTEGER,                                -- renewal_case.id when there is one (no FK: the log outlives rows)
    customer_ref  TEXT,                                   -- non-reversible customer reference (keyed hash), never clear data
    event_type    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    details       TEXT NOT NULL,                          -- canonical JSON, personal data masked
    leaf_hash     BLOB NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX audit_entry_at ON audit_entry(at);
CREATE INDEX audit_entry_actor ON audit_entry(actor, at);
CREATE INDEX audit_entry_case ON audit_entry(case_id, at) WHERE case_id IS NOT NULL;
CREATE INDEX audit_entry_customer ON audit_entry(customer_ref, at) WHERE customer_ref IS NOT NULL;
CREATE INDEX audit_entry_event ON audit_entry(event_type, at);
CREATE INDEX audit_entry_outcome ON audit_entry(outcome, at);

-- Hashes of complete subtrees (level >= 1) of the Merkle tree, keyed by the last leaf they cover, so proofs
-- never rehash the log. A node at (level, index) covers leaves [index * 2^level, (index + 1) * 2^level).
CREATE TABLE audit_node (
    last_seq  INTEGER NOT NULL,
    level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 62),
    hash      BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (last_seq, level)
) WITHOUT ROWID;

-- Public keys (as self-signed certificates) that signed tree heads, by key id = SHA-256 of SubjectPublicKeyInfo.
CREATE TABLE audit_signer (
    key_id       TEXT PRIMARY KEY,
    certificate  BLOB NOT NULL,
    first_used   TEXT NOT NULL
);

-- Signed tree heads (checkpoints): the signed note text and its signature.
CREATE TABLE audit_checkpoint (
    tree_size   INTEGER PRIMARY KEY CHECK (tree_size >= 0),
    root_hash   BLOB NOT NULL CHECK (length(root_hash) = 32),
    signed_at   TEXT NOT NULL,
    note        TEXT NOT NULL,                            -- the exact signed bytes (UTF-8)
    key_id      TEXT NOT NULL REFERENCES audit_signer(key_id),
    signature   BLOB NOT NULL                             -- DER ECDSA/RSA signature over note
);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TRIGGER audit_node_no_update BEFORE UPDATE ON audit_node
BEGIN SELECT RAISE(ABORT, 'audit_node is append-only'); END;
CREATE TRIGGER audit_node_no_delete BEFORE DELETE ON audit_node
BEGIN SELECT RAISE(ABORT, 'audit_node is append-only'); END;
CREATE TRIGGER audit_signer_no_update BEFORE UPDATE ON audit_signer
BEGIN SELECT RAISE(ABORT, 'audit_signer is append-only'); END;
CREATE TRIGGER audit_signer_no_delete BEFORE DELETE ON audit_signer
BEGIN SELECT RAISE(ABORT, 'audit_signer is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
