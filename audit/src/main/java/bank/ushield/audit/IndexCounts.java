package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many entries each search index should find, per key: counted once by verify's full scan, and read back
 * through each index ({@link AuditSchemaStore#indexCounts}). A swapped index root or a damaged index that hides
 * or invents entries makes the two differ; costs one map update per entry, not a second scan.
 */
final class IndexCounts {

    /** Index name -> key (as text) -> entries. */
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final Map<String, Long> event = new HashMap<>();
    private final Map<String, Long> outcome = new HashMap<>();
    private final Map<String, Long> actor = new HashMap<>();
    private long times;
    private long cases;
    private long customers;

    /** Counts the entry the scan just read (columns numbered as in {@link AuditEntryStore#COLUMNS}). */
    void add(AuditEntryStore.Scan scan) {
        times++;
        event.merge(text(scan.column(8)), 1L, Long::sum);
        String o = text(scan.column(9));
        if (!"OK".equals(o)) {
            outcome.merge(o, 1L, Long::sum);
        }
        actor.merge(text(scan.column(4)), 1L, Long::sum);
        if (scan.column(6) != null) {
            cases++;
        }
        if (scan.column(7) != null) {
            customers++;
        }
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }

    /** The counts of two ranges together. */
    IndexCounts plus(IndexCounts other) {
        IndexCounts sum = new IndexCounts();
        for (IndexCounts c : List.of(this, other)) {
            c.event.forEach((k, v) -> sum.event.merge(k, v, Long::sum));
            c.outcome.forEach((k, v) -> sum.outcome.merge(k, v, Long::sum));
            c.actor.forEach((k, v) -> sum.actor.merge(k, v, Long::sum));
            sum.times += c.times;
            sum.cases += c.cases;
            sum.customers += c.customers;
        }
        return sum;
    }

    /** Per index, per key: what a full scan of the entries holds. */
    Map<String, Map<String, Long>> expected() {
        counts.clear();
        counts.put("audit_entry_event", new TreeMap<>(event));
        counts.put("audit_entry_outcome", new TreeMap<>(outcome));
        counts.put("audit_entry_actor", new TreeMap<>(actor));
        counts.put("audit_entry_at", single(times));
        counts.put("audit_entry_case", single(cases));
        counts.put("audit_entry_customer", single(customers));
        return counts;
    }

    private static Map<String, Long> single(long n) {
        Map<String, Long> m = new TreeMap<>();
        if (n > 0) {
            m.put("all", n);
        }
        return m;
    }

    /** Each difference between what the indexes find and what the scan found, in words. */
    static List<String> differences(Map<String, Map<String, Long>> scanned, Map<String, Map<String, Long>> indexed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> idx : scanned.entrySet()) {
            Map<String, Long> seen = indexed.getOrDefault(idx.getKey(), Map.of());
            if (Objects.equals(seen, idx.getValue())) {
                continue;
            }
            TreeMap<String, Long> keys = new TreeMap<>(idx.getValue());
            seen.keySet().forEach(k -> keys.putIfAbsent(k, 0L));
            for (String k : keys.keySet()) {
                long want = idx.getValue().getOrDefault(k, 0L);
                long got = seen.getOrDefault(k, 0L);
                if (want != got) {
                    out.add("index " + idx.getKey() + " finds " + got + " entries" + ("all".equals(k) ? "" : " for " + k)
                            + " where the table holds " + want);
                }
            }
        }
        return out;
    }
}
