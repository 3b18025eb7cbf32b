-- Core (V1-V9): the IT role (issue 22; the SQLite twin rebuilds the table, PostgreSQL changes the constraint).
ALTER TABLE staff_user DROP CONSTRAINT staff_user_role_check;
ALTER TABLE staff_user ADD CONSTRAINT staff_user_role_check CHECK (role IN ('TELLER', 'MANAGER', 'TRAINER', 'IT'));
