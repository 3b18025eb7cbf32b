-- Renewal (V30-V39), SQLite only: the stock movement history is append-only and stock rows are never deleted
-- (a PostgreSQL twin uses trigger functions). ADR 0077.
CREATE TRIGGER token_stock_movement_no_update
BEFORE UPDATE ON token_stock_movement
BEGIN
    SELECT RAISE(ABORT, 'token stock movements are append-only');
END;

CREATE TRIGGER token_stock_movement_no_delete
BEFORE DELETE ON token_stock_movement
BEGIN
    SELECT RAISE(ABORT, 'token stock movements are append-only');
END;

CREATE TRIGGER token_stock_no_delete
BEFORE DELETE ON token_stock
BEGIN
    SELECT RAISE(ABORT, 'a token stock item is never deleted: destroy it');
END;

-- A state change of a stock item needs its movement row first (written in the same transaction, just before).
CREATE TRIGGER token_stock_move_recorded
BEFORE UPDATE OF state ON token_stock
FOR EACH ROW WHEN NEW.state <> OLD.state AND NOT EXISTS (
    SELECT 1 FROM token_stock_movement m
     WHERE m.stock_id = OLD.id AND m.id = (SELECT max(id) FROM token_stock_movement WHERE stock_id = OLD.id)
       AND m.from_state = OLD.state AND m.to_state = NEW.state)
BEGIN
    SELECT RAISE(ABORT, 'a token stock move needs its movement row');
END;
