-- Most audit entries end OK, and managers filter for the others: index only those, so an ordinary append writes
-- one index page less. Searches for a non-OK outcome add "outcome <> 'OK'" to use it (see AuditSearch).
DROP INDEX audit_entry_outcome;
CREATE INDEX audit_entry_outcome ON audit_entry(outcome, at) WHERE outcome <> 'OK';
