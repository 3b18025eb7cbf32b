-- PostgreSQL twin of sqlite/V33__token_stock_append_only.sql (ADR 0077): the stock movement history is append-only,
-- stock rows are never deleted, and a state change needs its movement row first. Triggers in PL/pgSQL.

CREATE FUNCTION token_stock_movement_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'token stock movements are append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER token_stock_movement_no_update BEFORE UPDATE ON token_stock_movement
    FOR EACH ROW EXECUTE FUNCTION token_stock_movement_append_only();
CREATE TRIGGER token_stock_movement_no_delete BEFORE DELETE ON token_stock_movement
    FOR EACH ROW EXECUTE FUNCTION token_stock_movement_append_only();
CREATE TRIGGER token_stock_movement_no_truncate BEFORE TRUNCATE ON token_stock_movement
    FOR EACH STATEMENT EXECUTE FUNCTION token_stock_movement_append_only();

CREATE FUNCTION token_stock_never_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'a token stock item is never deleted: destroy it' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER token_stock_no_delete BEFORE DELETE ON token_stock
    FOR EACH ROW EXECUTE FUNCTION token_stock_never_deleted();

CREATE FUNCTION token_stock_move_recorded() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.state <> OLD.state AND NOT EXISTS (
            SELECT 1 FROM token_stock_movement m
             WHERE m.stock_id = OLD.id AND m.id = (SELECT max(id) FROM token_stock_movement WHERE stock_id = OLD.id)
               AND m.from_state = OLD.state AND m.to_state = NEW.state) THEN
        RAISE EXCEPTION 'a token stock move needs its movement row' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER token_stock_move_recorded BEFORE UPDATE OF state ON token_stock
    FOR EACH ROW EXECUTE FUNCTION token_stock_move_recorded();
