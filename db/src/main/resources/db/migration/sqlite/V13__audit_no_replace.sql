-- SQLite only (triggers; a PostgreSQL twin needs its own). Issue 21: the V10/V12 triggers refuse UPDATE and DELETE,
-- but INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers (recursive_triggers is off), so
-- with the sqlite3 tool alone an insider could rewrite a row with every trigger in place. audit_signer.first_used
-- is covered by no hash or signature, so nothing else would notice there. An insert whose key exists is refused.
CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
WHEN EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TRIGGER audit_node_no_replace BEFORE INSERT ON audit_node
WHEN EXISTS (SELECT 1 FROM audit_node WHERE last_seq = NEW.last_seq AND level = NEW.level)
BEGIN SELECT RAISE(ABORT, 'audit_node is append-only'); END;
CREATE TRIGGER audit_signer_no_replace BEFORE INSERT ON audit_signer
WHEN EXISTS (SELECT 1 FROM audit_signer WHERE key_id = NEW.key_id)
BEGIN SELECT RAISE(ABORT, 'audit_signer is append-only: a key is recorded once, with its first use'); END;
CREATE TRIGGER audit_checkpoint_no_replace BEFORE INSERT ON audit_checkpoint
WHEN EXISTS (SELECT 1 FROM audit_checkpoint WHERE tree_size = NEW.tree_size)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
CREATE TRIGGER audit_anchor_no_replace BEFORE INSERT ON audit_anchor
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_anchor WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
