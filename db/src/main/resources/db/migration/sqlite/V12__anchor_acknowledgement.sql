-- Head office's signed acknowledgements of this workstation's audit tree heads (docs/audit-format.md, "Anchoring").
-- Kept so that verify can tell a truncated or rolled-back log from a genuine one; append-only like the audit tables.
CREATE TABLE audit_anchor (
    id               INTEGER PRIMARY KEY,
    workstation      TEXT    NOT NULL,
    tree_size        INTEGER NOT NULL CHECK (tree_size >= 0),
    root_hash        BLOB    NOT NULL CHECK (length(root_hash) = 32),
    acknowledged_at  TEXT    NOT NULL,
    note             TEXT    NOT NULL,                   -- the exact signed bytes (UTF-8)
    key_id           TEXT    NOT NULL,                   -- hex SHA-256 of head office's SubjectPublicKeyInfo
    signature        BLOB    NOT NULL,                   -- head office's signature over note
    received_at      TEXT    NOT NULL
);
CREATE INDEX audit_anchor_size ON audit_anchor(tree_size);

CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor
BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
