-- PostgreSQL twin of sqlite/V13 (issue 21). SQLite's INSERT OR REPLACE deletes a row without firing DELETE triggers;
-- PostgreSQL has no such statement: INSERT ... ON CONFLICT DO UPDATE fires the UPDATE triggers of V10/V12, which
-- refuse, and a plain duplicate key fails on the primary key. Nothing to add; the version exists so both engines
-- carry the same schema history.
SELECT 1;
