-- Which workstation drives an open case (issue 18, ADR 0087). Portable SQL: one file for both engines.
-- A row is the claim: taken by a conditional upsert (never check-then-write), released when the customer leaves or
-- the case closes; another workstation takes a held claim over only with a manager's authorisation (taken_from,
-- taken_by say whose claim it was and who authorised it).
CREATE TABLE renewal_case_claim (
    case_id         BIGINT PRIMARY KEY REFERENCES renewal_case(id),
    workstation_id  TEXT NOT NULL,
    teller_login    TEXT NOT NULL,
    claimed_at      TEXT NOT NULL,
    touched_at      TEXT NOT NULL,
    taken_from      TEXT,
    taken_by        TEXT,
    CHECK ((taken_from IS NULL) = (taken_by IS NULL))
);
CREATE INDEX renewal_case_claim_workstation ON renewal_case_claim(workstation_id);

-- The workstation whose request batch carries the case's CSR (the one that queued it; per-workstation exchange,
-- ADR 0088). NULL on cases queued before V35: the opening workstation, as before.
ALTER TABLE renewal_case ADD COLUMN queued_by TEXT;
