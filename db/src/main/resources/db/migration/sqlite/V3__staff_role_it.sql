-- Core (V1-V9): the IT role (issue 22). IT support signs in with its own account to set a production workstation
-- up, never with a teller's or a training account. SQLite cannot change a CHECK constraint in place, so staff_user
-- is rebuilt as V31 rebuilds certificate: with deferred foreign keys the drop's implicit delete only counts the
-- cases that point at logins, and copying the same rows back resolves them before the commit. (PostgreSQL's twin
-- is one ALTER TABLE ... DROP CONSTRAINT / ADD CONSTRAINT.)
PRAGMA defer_foreign_keys = ON;

CREATE TABLE staff_user_before_v3 AS SELECT * FROM staff_user;
DROP TABLE staff_user;

CREATE TABLE staff_user (
    id               INTEGER PRIMARY KEY,
    login            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('TELLER', 'MANAGER', 'TRAINER', 'IT')),
    branch_id        TEXT NOT NULL REFERENCES branch(id),
    password_hash    TEXT NOT NULL,           -- PHC-style Argon2id string, never the password
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     TEXT,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

INSERT INTO staff_user (id, login, display_name, role, branch_id, password_hash, failed_attempts, locked_until,
                        active, created_at, password_changed_at)
SELECT id, login, display_name, role, branch_id, password_hash, failed_attempts, locked_until, active, created_at,
       password_changed_at FROM staff_user_before_v3;
DROP TABLE staff_user_before_v3;

CREATE INDEX staff_user_branch ON staff_user(branch_id, role);
