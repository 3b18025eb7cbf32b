-- PostgreSQL twin of sqlite/V11__audit_outcome_index.sql: index only the entries that did not end OK.
DROP INDEX audit_entry_outcome;
CREATE INDEX audit_entry_outcome ON branch_audit_entry(workstation, outcome, at) WHERE outcome <> 'OK';
