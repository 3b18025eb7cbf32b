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
    private final BytesCounter event = new BytesCounter();
    private final BytesCounter outcome = new BytesCounter();
    private final BytesCounter actor = new BytesCounter();
    private long times;
    private long cases;
    private long customers;

    /** Counts the entry the scan just read (columns numbered as in {@link AuditEntryStore#COLUMNS}). */
    void add(AuditEntryStore.Scan scan) {
        byte[] e = nz(scan.column(8));
        byte[] o = nz(scan.column(9));
        byte[] a = nz(scan.column(4));
        add(e, 0, e.length, o, 0, o.length, a, 0, a.length, scan.column(6) == null, scan.column(7) == null);
    }

    /** Counts one entry from slices of a buffer (verify's block reads): no copy or string per entry. */
    void add(byte[] eventBuf, int eventOff, int eventLen, byte[] outcomeBuf, int outcomeOff, int outcomeLen,
             byte[] actorBuf, int actorOff, int actorLen, boolean caseNull, boolean customerNull) {
        times++;
        event.add(eventBuf, eventOff, eventLen);
        if (!(outcomeLen == 2 && outcomeBuf[outcomeOff] == 'O' && outcomeBuf[outcomeOff + 1] == 'K')) {
            outcome.add(outcomeBuf, outcomeOff, outcomeLen);
        }
        actor.add(actorBuf, actorOff, actorLen);
        if (!caseNull) {
            cases++;
        }
        if (!customerNull) {
            customers++;
        }
    }

    private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.UTF_8);

    private static byte[] nz(byte[] b) {
        return b == null ? NULL_TEXT : b;
    }

    /** The counts of two ranges together. */
    IndexCounts plus(IndexCounts other) {
        IndexCounts sum = new IndexCounts();
        for (IndexCounts c : List.of(this, other)) {
            sum.event.addAll(c.event);
            sum.outcome.addAll(c.outcome);
            sum.actor.addAll(c.actor);
            sum.times += c.times;
            sum.cases += c.cases;
            sum.customers += c.customers;
        }
        return sum;
    }

    /**
     * Counts per key given as a slice of bytes; a hit costs a hash over the slice and one compare, no allocation
     * (a million entries carry a handful of distinct event types, outcomes and staff).
     */
    private static final class BytesCounter {
        private final Map<Key, long[]> map = new HashMap<>();
        private final Key probe = new Key();

        void add(byte[] buf, int off, int len) {
            probe.set(buf, off, len);
            long[] n = map.get(probe);
            if (n == null) {
                Key copy = new Key();
                copy.set(java.util.Arrays.copyOfRange(buf, off, off + len), 0, len);
                map.put(copy, n = new long[1]);
            }
            n[0]++;
        }

        void addAll(BytesCounter other) {
            other.map.forEach((k, v) -> {
                add(k.buf, k.off, k.len);
                map.get(k)[0] += v[0] - 1;
            });
        }

        Map<String, Long> asText() {
            Map<String, Long> out = new TreeMap<>();
            map.forEach((k, v) -> out.merge(new String(k.buf, k.off, k.len, StandardCharsets.UTF_8), v[0], Long::sum));
            return out;
        }
    }

    /** A byte slice as a map key. */
    private static final class Key {
        private byte[] buf;
        private int off;
        private int len;
        private int hash;

        void set(byte[] b, int o, int l) {
            buf = b;
            off = o;
            len = l;
            int h = 1;
            for (int i = o; i < o + l; i++) {
                h = 31 * h + b[i];
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash
                    && java.util.Arrays.equals(buf, off, off + len, k.buf, k.off, k.off + k.len);
        }
    }

    /** Per index, per key: what a full scan of the entries holds. */
    Map<String, Map<String, Long>> expected() {
        counts.clear();
        counts.put("audit_entry_event", event.asText());
        counts.put("audit_entry_outcome", outcome.asText());
        counts.put("audit_entry_actor", actor.asText());
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
