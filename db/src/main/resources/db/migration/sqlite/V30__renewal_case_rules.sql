-- Renewal module (V30-V39): the case transition table enforced in the database, manager authorisations,
-- and per-case progress the core renewal_case row does not hold.

-- The only allowed state changes of renewal_case (mirrors bank.ushield.renewal.CaseState; a test keeps them equal).
CREATE TABLE case_transition (
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    PRIMARY KEY (from_state, to_state)
) WITHOUT ROWID;

INSERT INTO case_transition (from_state, to_state) VALUES
    ('OPENED', 'ID_VERIFIED'), ('ID_VERIFIED', 'CARD_VERIFIED'), ('CARD_VERIFIED', 'TOKEN_VERIFIED'),
    ('TOKEN_VERIFIED', 'KEY_GENERATED'), ('KEY_GENERATED', 'CSR_QUEUED'), ('CSR_QUEUED', 'CERT_RECEIVED'),
    ('CERT_RECEIVED', 'CERT_INSTALLED'), ('CERT_INSTALLED', 'COMPLETED'),
    ('OPENED', 'ABORTED'), ('ID_VERIFIED', 'ABORTED'), ('CARD_VERIFIED', 'ABORTED'), ('TOKEN_VERIFIED', 'ABORTED'),
    ('KEY_GENERATED', 'ABORTED'), ('CSR_QUEUED', 'ABORTED'), ('CERT_RECEIVED', 'ABORTED'),
    ('CERT_INSTALLED', 'ABORTED');

-- Even raw SQL cannot skip a step or reopen a closed case.
CREATE TRIGGER renewal_case_legal_transition
BEFORE UPDATE OF state ON renewal_case
FOR EACH ROW WHEN NEW.state <> OLD.state
    AND NOT EXISTS (SELECT 1 FROM case_transition t WHERE t.from_state = OLD.state AND t.to_state = NEW.state)
BEGIN
    SELECT RAISE(ABORT, 'illegal renewal case transition');
END;

-- A new case starts OPENED.
CREATE TRIGGER renewal_case_starts_opened
BEFORE INSERT ON renewal_case
FOR EACH ROW WHEN NEW.state <> 'OPENED'
BEGIN
    SELECT RAISE(ABORT, 'a renewal case starts OPENED');
END;

-- An exception that stops a case until a manager authorises it (dual control).
CREATE TABLE manager_authorisation (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES renewal_case(id),
    exception_code  TEXT NOT NULL,            -- e.g. ID_EXPIRED_OTHER_DOCUMENT, WITHIN_SELF_SERVICE_WINDOW
    held_state      TEXT NOT NULL,            -- the state the case moves to once authorised
    evidence        TEXT,                     -- masked canonical JSON of the check that asked for it
    requested_by    TEXT NOT NULL REFERENCES staff_user(login),
    requested_at    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'GRANTED', 'WITHDRAWN')),
    manager_login   TEXT REFERENCES staff_user(login),
    decided_at      TEXT,
    CHECK ((status = 'GRANTED') = (manager_login IS NOT NULL)),
    CHECK (manager_login IS NULL OR manager_login <> requested_by)
);
CREATE UNIQUE INDEX manager_authorisation_one_pending ON manager_authorisation(case_id) WHERE status = 'PENDING';
CREATE INDEX manager_authorisation_case ON manager_authorisation(case_id, id);

-- What the renewal remembers per case beyond the core row.
CREATE TABLE renewal_case_progress (
    case_id               INTEGER PRIMARY KEY REFERENCES renewal_case(id),
    token_serial          TEXT,                 -- serial read from the token at the token check
    old_key_id            TEXT,                 -- CKA_ID (hex) of the superseded key pair
    key_algorithm         TEXT,                 -- RSA_2048 / EC_P256
    key_generation_started_at TEXT,             -- set before the token write, so a restart knows to look for new_key_id
    rejection_reason      TEXT,                 -- head office's reason when rejected
    self_test_passed_at   TEXT,
    self_test_failure     TEXT,
    finished_at_counter   INTEGER CHECK (finished_at_counter IN (0, 1)),
    closing_audit_seq     INTEGER                -- audit entry of the completion or abort (for the receipt)
);
