-- The key check value of the card-matching key this database's bank cards are hashed with (the key's hash of the
-- card number 0000000000000000, which no issued card has), recorded by the first workstation that used a key here.
-- A workstation whose key file differs, or whose key file is gone, is refused at set-up and at start instead of
-- silently failing to match every registered card (ADR 0097). The value tells nothing about the key (HMAC).
CREATE TABLE card_matching_key_check (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    check_value  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
