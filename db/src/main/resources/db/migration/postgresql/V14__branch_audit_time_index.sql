-- The manager's review of a branch (docs/adr/0089) pages every workstation's log in time order (time, workstation,
-- sequence); the V10 indexes lead with the workstation, so without this one the first page of an unfiltered branch
-- review sorts every entry of the branch.
CREATE INDEX branch_audit_entry_time ON branch_audit_entry(at, workstation, seq);
