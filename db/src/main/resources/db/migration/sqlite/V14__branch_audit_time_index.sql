-- Twin of postgresql/V14 (the branch review's time index). A SQLite file holds one workstation's log, whose
-- audit_entry_at index (time, then seq as rowid) already serves the review's time order: nothing to add.
SELECT 1;
