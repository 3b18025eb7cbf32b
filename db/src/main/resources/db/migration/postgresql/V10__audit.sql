-- PostgreSQL twin of sqlite/V10__audit.sql: every workstation of the branch keeps its own audit log (own Merkle
-- tree, own signing key) in one database (docs/adr/0073).
--
-- The rows live in branch_audit_* tables keyed by workstation. The application reads and writes them through
-- views named as the SQLite tables (audit_entry, audit_node, audit_signer, audit_checkpoint) that show only the
-- session's workstation, set once per connection (ushield.workstation, see Database.open). So the audit SQL is the
-- same on both engines, one workstation's appends never touch another's tree, and WITH CHECK OPTION refuses a row
-- for another workstation. A session without the setting cannot read or write any log (current_setting fails).

CREATE FUNCTION ushield_workstation() RETURNS TEXT
    LANGUAGE sql STABLE
    AS $$ SELECT current_setting('ushield.workstation') $$;

CREATE TABLE branch_audit_entry (
    workstation   TEXT NOT NULL DEFAULT ushield_workstation(),
    seq           BIGINT NOT NULL CHECK (seq >= 0),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    case_id       BIGINT,
    customer_ref  TEXT,
    event_type    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    details       TEXT NOT NULL,
    leaf_hash     BYTEA NOT NULL CHECK (length(leaf_hash) = 32),
    PRIMARY KEY (workstation, seq)
);
CREATE INDEX audit_entry_at ON branch_audit_entry(workstation, at);
CREATE INDEX audit_entry_actor ON branch_audit_entry(workstation, actor, at);
CREATE INDEX audit_entry_case ON branch_audit_entry(workstation, case_id, at) WHERE case_id IS NOT NULL;
CREATE INDEX audit_entry_customer ON branch_audit_entry(workstation, customer_ref, at) WHERE customer_ref IS NOT NULL;
CREATE INDEX audit_entry_event ON branch_audit_entry(workstation, event_type, at);
CREATE INDEX audit_entry_outcome ON branch_audit_entry(workstation, outcome, at);

CREATE TABLE branch_audit_node (
    workstation  TEXT NOT NULL DEFAULT ushield_workstation(),
    last_seq     BIGINT NOT NULL,
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 62),
    hash         BYTEA NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (workstation, last_seq, level)
);

CREATE TABLE branch_audit_signer (
    workstation  TEXT NOT NULL DEFAULT ushield_workstation(),
    key_id       TEXT NOT NULL,
    certificate  BYTEA NOT NULL,
    first_used   TEXT NOT NULL,
    PRIMARY KEY (workstation, key_id)
);

CREATE TABLE branch_audit_checkpoint (
    workstation TEXT NOT NULL DEFAULT ushield_workstation(),
    tree_size   BIGINT NOT NULL CHECK (tree_size >= 0),
    root_hash   BYTEA NOT NULL CHECK (length(root_hash) = 32),
    signed_at   TEXT NOT NULL,
    note        TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    signature   BYTEA NOT NULL,
    PRIMARY KEY (workstation, tree_size),
    FOREIGN KEY (workstation, key_id) REFERENCES branch_audit_signer(workstation, key_id)
);

CREATE VIEW audit_entry AS
    SELECT seq, at, workstation, actor, role, case_id, customer_ref, event_type, outcome, details, leaf_hash
      FROM branch_audit_entry WHERE workstation = ushield_workstation()
    WITH CASCADED CHECK OPTION;
CREATE VIEW audit_node AS
    SELECT last_seq, level, hash FROM branch_audit_node WHERE workstation = ushield_workstation()
    WITH CASCADED CHECK OPTION;
CREATE VIEW audit_signer AS
    SELECT key_id, certificate, first_used FROM branch_audit_signer WHERE workstation = ushield_workstation()
    WITH CASCADED CHECK OPTION;
CREATE VIEW audit_checkpoint AS
    SELECT tree_size, root_hash, signed_at, note, key_id, signature
      FROM branch_audit_checkpoint WHERE workstation = ushield_workstation()
    WITH CASCADED CHECK OPTION;

-- Append-only, as on SQLite: UPDATE, DELETE and TRUNCATE of the rows are refused (the views pass them on to these).
CREATE FUNCTION ushield_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON branch_audit_entry
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_entry is append-only');
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON branch_audit_entry
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_entry is append-only');
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON branch_audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ushield_refuse_change('audit_entry is append-only');
CREATE TRIGGER audit_node_no_update BEFORE UPDATE ON branch_audit_node
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_node is append-only');
CREATE TRIGGER audit_node_no_delete BEFORE DELETE ON branch_audit_node
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_node is append-only');
CREATE TRIGGER audit_node_no_truncate BEFORE TRUNCATE ON branch_audit_node
    FOR EACH STATEMENT EXECUTE FUNCTION ushield_refuse_change('audit_node is append-only');
CREATE TRIGGER audit_signer_no_update BEFORE UPDATE ON branch_audit_signer
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_signer is append-only');
CREATE TRIGGER audit_signer_no_delete BEFORE DELETE ON branch_audit_signer
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_signer is append-only');
CREATE TRIGGER audit_signer_no_truncate BEFORE TRUNCATE ON branch_audit_signer
    FOR EACH STATEMENT EXECUTE FUNCTION ushield_refuse_change('audit_signer is append-only');
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON branch_audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_checkpoint is append-only');
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON branch_audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION ushield_refuse_change('audit_checkpoint is append-only');
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON branch_audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION ushield_refuse_change('audit_checkpoint is append-only');
