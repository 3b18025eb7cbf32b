package bank.ushield.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The SQL verify asks of SQLite itself: the audit schema objects, the integrity check, index against scan counts. */
public final class AuditSchemaStore {

    /** The audit module's tables (V10__audit.sql); every object on them is part of the evidence. */
    static final List<String> TABLES = List.of("audit_entry", "audit_node", "audit_signer", "audit_checkpoint");

    private AuditSchemaStore() {
    }

    /** The file opened with SQLite's read-only flag, without migrations: nothing can be written through it. */
    public static Jdbi readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return Jdbi.create(ds);
    }

    /** One row of sqlite_master with its SQL normalised (whitespace runs collapsed), so comparisons ignore layout. */
    record SchemaObject(String type, String name, String table, String sql) {
    }

    /** The tables, indexes and triggers on the audit tables (and any object named like one), by name. */
    static Map<String, SchemaObject> objects(Handle h) {
        Map<String, SchemaObject> out = new TreeMap<>();
        h.createQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        + "WHERE tbl_name IN (<tables>) OR name IN (<tables>)")
                .bindList("tables", TABLES)
                .map((rs, ctx) -> new SchemaObject(rs.getString(1), rs.getString(2), rs.getString(3),
                        normalise(rs.getString(4))))
                .forEach(o -> out.put(o.name(), o));
        return out;
    }

    /** True when the file holds any table at all (an empty SQLite file, or one with tables that are not ours). */
    static long tableCount(Handle h) {
        return h.createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'").mapTo(Long.class).one();
    }

    private static String normalise(String sql) {
        return sql == null ? "" : sql.replaceAll("\\s+", " ").trim();
    }

    /** Which of SQLite's own checks verify runs (ADR 0093). */
    enum Integrity {
        /** integrity_check of the whole file: pages, free list, every index against its table. */
        FULL,
        /** integrity_check of the small audit tables and their indexes (the large ones are read in full by verify). */
        SMALL_TABLES
    }

    /** The audit tables small enough to check fully on every verify (a few rows per day each). */
    private static final List<String> SMALL_TABLES = List.of("audit_signer", "audit_checkpoint", "audit_anchor");

    /** SQLite's own check to {@code integrity}; empty when it says ok, else up to {@code max} findings per check. */
    static List<String> integrityProblems(Handle h, int max, Integrity integrity) {
        List<String> pragmas = switch (integrity) {
            case FULL -> List.of("integrity_check(" + max + ")");
            // Only the tables the file has (audit_anchor came with V12; its absence is a schema finding).
            case SMALL_TABLES -> h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (<t>) "
                            + "ORDER BY name").bindList("t", SMALL_TABLES).mapTo(String.class).list().stream()
                    .map(t -> "integrity_check(" + t + ")").toList();
        };
        List<String> out = new ArrayList<>();
        for (String pragma : pragmas) {
            List<String> lines = h.createQuery("PRAGMA " + pragma).mapTo(String.class).list();
            if (!(lines.size() == 1 && "ok".equals(lines.get(0)))) {
                out.addAll(lines);
            }
        }
        return out;
    }

    /**
     * Signers whose recorded first use is not the time their first signed tree head was signed (that time is in the
     * signed note; first_used is covered by no hash): a row replaced or edited outside the application.
     */
    static List<String> signerFirstUseProblems(Handle h) {
        return h.createQuery("""
                        SELECT s.key_id, s.first_used,
                               (SELECT min(c.signed_at) FROM audit_checkpoint c WHERE c.key_id = s.key_id) AS first_signed
                          FROM audit_signer s ORDER BY s.key_id""")
                .map((rs, ctx) -> {
                    String key = rs.getString(1);
                    String firstUsed = rs.getString(2);
                    String firstSigned = rs.getString(3);
                    String who = "signer key " + (key.length() > 16 ? key.substring(0, 16) + "..." : key);
                    if (firstSigned == null) {
                        return who + " is recorded but signed no tree head";
                    }
                    return firstSigned.equals(firstUsed) ? null : who + " says it was first used " + firstUsed
                            + ", but its first signed tree head was signed " + firstSigned;
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Foreign key rows that point nowhere (audit_checkpoint.key_id without its audit_signer row). */
    static List<String> foreignKeyProblems(Handle h) {
        List<String> out = new ArrayList<>();
        h.createQuery("PRAGMA foreign_key_check(audit_checkpoint)")
                .map((rs, ctx) -> rs.getString(1) + " row " + rs.getLong(2) + " refers to a missing " + rs.getString(3))
                .forEach(out::add);
        return out;
    }

    /**
     * Per search index, the entries it finds below {@code size} per key (event type, non-OK outcome, actor) or in
     * all (time, case, customer): covering scans of the index alone, forced with INDEXED BY.
     */
    static Map<String, Map<String, Long>> indexCounts(Handle h, long size) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts(out, h, "event_type", "audit_entry_event", "1 = 1", size);
        counts(out, h, "outcome", "audit_entry_outcome", "outcome <> 'OK'", size);
        counts(out, h, "actor", "audit_entry_actor", "1 = 1", size);
        counts(out, h, "'all'", "audit_entry_at", "at IS NOT NULL", size);
        counts(out, h, "'all'", "audit_entry_case", "case_id IS NOT NULL", size);
        counts(out, h, "'all'", "audit_entry_customer", "customer_ref IS NOT NULL", size);
        return out;
    }

    /** Per key, the entries {@code index} finds and the sum of their sequence numbers (the rows they point at). */
    private static void counts(Map<String, Map<String, Long>> out, Handle h, String key, String index, String where,
                               long size) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> sums = new TreeMap<>();
        // One count without GROUP BY for the 'all' indexes: grouping by a constant made SQLite sort every index
        // entry in a temporary b-tree (0.7 s of CPU on 1,000,000 entries); the index is read the same way.
        boolean all = "'all'".equals(key);
        h.createQuery("SELECT " + key + ", count(*), coalesce(sum(seq), 0) FROM audit_entry INDEXED BY " + index
                        + " WHERE " + where + " AND seq < :size" + (all ? "" : " GROUP BY 1"))
                .bind("size", size)
                .map((rs, ctx) -> new Object[] {String.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)})
                .forEach(row -> {
                    if ((Long) row[1] > 0) {
                        counts.put((String) row[0], (Long) row[1]);
                        sums.put((String) row[0], (Long) row[2]);
                    }
                });
        out.put(index, counts);
        out.put(index + IndexCounts.SUMS, sums);
    }

    /** The append-only triggers of a branch database (postgresql/V10, V12): per table, refusing these changes. */
    private static final List<String> POSTGRES_TRIGGERS = List.of("entry", "node", "signer", "checkpoint", "anchor")
            .stream().flatMap(t -> java.util.stream.Stream.of("update", "delete", "truncate")
                    .map(op -> "audit_" + t + "_no_" + op))
            .toList();

    /** On PostgreSQL: the append-only triggers that are missing or disabled, in words (empty when all are there). */
    static List<String> missingPostgresTriggers(Handle h) {
        List<String> enabled = h.createQuery("""
                        SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                         WHERE c.relnamespace = current_schema()::regnamespace AND c.relname LIKE 'branch\\_audit\\_%'
                           AND t.tgenabled IN ('O', 'A')""")
                .mapTo(String.class).list();
        List<String> out = new ArrayList<>();
        for (String trigger : POSTGRES_TRIGGERS) {
            if (!enabled.contains(trigger)) {
                out.add("trigger " + trigger + " is missing or disabled");
            }
        }
        return out;
    }
}
