-- Issue 21: a login for an unknown account does the same work as a wrong password for a real one (one Argon2id
-- check, then one write transaction changing one row), so the answer time does not tell which logins exist. This
-- single row is what the unknown-login path writes: how many such attempts there were, and the last one.
CREATE TABLE unknown_login_tally (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    attempts  INTEGER NOT NULL DEFAULT 0,
    last_at   TEXT
);
INSERT INTO unknown_login_tally (id, attempts) VALUES (1, 0);
