-- Renewal (V30-V39): blank U-shields as controlled items of the branch, and token replacement cases (ADR 0077).
-- Plain tables and indexes only (a PostgreSQL twin needs no change); the SQLite triggers are in V33.

-- One blank token the branch holds or held, counted by serial like a controlled blank form (重要空白凭证).
-- state: BRANCH_STORE (received from head office, in the branch store), TELLER_BOX (in one teller's box),
-- ISSUED (handed to a customer in a replacement case), RETURNED (sent back to head office), DESTROYED.
CREATE TABLE token_stock (
    id                INTEGER PRIMARY KEY,
    serial            TEXT NOT NULL UNIQUE,
    media_voucher_no  TEXT NOT NULL UNIQUE CHECK (length(media_voucher_no) = 10),
    model             TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('BRANCH_STORE', 'TELLER_BOX', 'ISSUED', 'RETURNED', 'DESTROYED')),
    teller_login      TEXT,                       -- whose box, while TELLER_BOX
    case_id           INTEGER REFERENCES renewal_case(id), -- the replacement case holding it, or that issued it
    received_at       TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 0,
    CHECK ((state = 'TELLER_BOX') = (teller_login IS NOT NULL)),
    CHECK (state <> 'ISSUED' OR case_id IS NOT NULL)
);
CREATE INDEX token_stock_state ON token_stock(state, teller_login);

-- Every move of a stock item, oldest first; append-only (V33). from_state is NULL for the receipt from head office.
CREATE TABLE token_stock_movement (
    id             INTEGER PRIMARY KEY,
    stock_id       INTEGER NOT NULL REFERENCES token_stock(id),
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    teller_login   TEXT,                          -- the box moved into or out of
    case_id        INTEGER REFERENCES renewal_case(id),
    actor          TEXT NOT NULL,
    authorised_by  TEXT,                          -- the manager who authorised a move into or out of a teller's box
    note           TEXT,                          -- delivery note, reason for destruction or return
    audit_seq      INTEGER,                       -- the audit entry of the move
    at             TEXT NOT NULL
);
CREATE INDEX token_stock_movement_item ON token_stock_movement(stock_id, id);
CREATE INDEX token_stock_movement_at ON token_stock_movement(at);

-- What a replacement case holds beyond the renewal case row: why, which blank, what became of the old token.
CREATE TABLE token_replacement (
    case_id             INTEGER PRIMARY KEY REFERENCES renewal_case(id),
    reason              TEXT NOT NULL CHECK (reason IN ('FAULTY', 'END_OF_LIFE', 'MODEL_CANNOT_MAKE_KEY',
                                                        'REPORTED_LOST', 'FAULT_AFTER_INSTALL')),
    old_token_id        INTEGER REFERENCES token(id),
    stock_id            INTEGER REFERENCES token_stock(id),
    new_token_id        INTEGER REFERENCES token(id),      -- registered to the customer at completion
    new_token_manufacturer TEXT,                  -- as the new token reported itself at the check
    initialised_at      TEXT,                     -- the new token was initialised with the customer's PIN
    old_token_outcome   TEXT CHECK (old_token_outcome IN ('KEYS_DESTROYED', 'NOT_ANSWERING', 'REPORTED_LOST')),
    old_token_retired_at TEXT,
    fee_amount          TEXT,                     -- decimal text in the currency below; NULL: no fee
    fee_currency        TEXT,
    chosen_by           TEXT NOT NULL,
    chosen_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX token_replacement_stock ON token_replacement(stock_id) WHERE stock_id IS NOT NULL;
