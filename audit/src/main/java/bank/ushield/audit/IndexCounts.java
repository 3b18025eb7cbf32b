package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many entries each search index should find, per key, and the sum of their sequence numbers: counted once by
 * verify's full scan, and read back through each index ({@link AuditSchemaStore#indexCounts}). A swapped index root
 * or a damaged index that hides or invents entries makes the counts differ; an index entry pointing at another row
 * makes the sums differ (ADR 0093); costs one map update per entry, not a second scan.
 */
final class IndexCounts {

    /** Suffix of the pseudo-index holding, per key, the sum of the entries' sequence numbers. */
    static final String SUMS = " (sum of entry numbers)";

    /** Index name -> key (as text) -> entries (or, for the {@link #SUMS} names, their sum of sequence numbers). */
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final BytesCounter event = new BytesCounter();
    private final BytesCounter outcome = new BytesCounter();
    private final BytesCounter actor = new BytesCounter();
    private long times;
    private long cases;
    private long customers;
    private long timesSum;
    private long casesSum;
    private long customersSum;

    /** Counts the entry the scan just read (columns numbered as in {@link AuditEntryStore#COLUMNS}). */
    void add(AuditEntryStore.Scan scan) {
        byte[] e = nz(scan.column(8));
        byte[] o = nz(scan.column(9));
        byte[] a = nz(scan.column(4));
        add(scan.seq(), e, 0, e.length, o, 0, o.length, a, 0, a.length, scan.column(6) == null,
                scan.column(7) == null);
    }

    /** Counts one entry from slices of a buffer (verify's block reads): no copy or string per entry. */
    void add(long seq, byte[] eventBuf, int eventOff, int eventLen, byte[] outcomeBuf, int outcomeOff, int outcomeLen,
             byte[] actorBuf, int actorOff, int actorLen, boolean caseNull, boolean customerNull) {
        times++;
        timesSum += seq;
        event.add(eventBuf, eventOff, eventLen, seq);
        if (!(outcomeLen == 2 && outcomeBuf[outcomeOff] == 'O' && outcomeBuf[outcomeOff + 1] == 'K')) {
            outcome.add(outcomeBuf, outcomeOff, outcomeLen, seq);
        }
        actor.add(actorBuf, actorOff, actorLen, seq);
        if (!caseNull) {
            cases++;
            casesSum += seq;
        }
        if (!customerNull) {
            customers++;
            customersSum += seq;
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
            sum.timesSum += c.timesSum;
            sum.casesSum += c.casesSum;
            sum.customersSum += c.customersSum;
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

        void add(byte[] buf, int off, int len, long seq) {
            long[] n = slot(buf, off, len);
            n[0]++;
            n[1] += seq;
        }

        private long[] slot(byte[] buf, int off, int len) {
            probe.set(buf, off, len);
            long[] n = map.get(probe);
            if (n == null) {
                Key copy = new Key();
                copy.set(java.util.Arrays.copyOfRange(buf, off, off + len), 0, len);
                map.put(copy, n = new long[2]);
            }
            return n;
        }

        void addAll(BytesCounter other) {
            other.map.forEach((k, v) -> {
                long[] n = slot(k.buf, k.off, k.len);
                n[0] += v[0];
                n[1] += v[1];
            });
        }

        /** Per key as text: entries ({@code what} 0) or the sum of their sequence numbers (1). */
        Map<String, Long> asText(int what) {
            Map<String, Long> out = new TreeMap<>();
            map.forEach((k, v) -> out.merge(new String(k.buf, k.off, k.len, StandardCharsets.UTF_8), v[what],
                    Long::sum));
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
        counts.put("audit_entry_event", event.asText(0));
        counts.put("audit_entry_outcome", outcome.asText(0));
        counts.put("audit_entry_actor", actor.asText(0));
        counts.put("audit_entry_at", single(times, times));
        counts.put("audit_entry_case", single(cases, cases));
        counts.put("audit_entry_customer", single(customers, customers));
        counts.put("audit_entry_event" + SUMS, event.asText(1));
        counts.put("audit_entry_outcome" + SUMS, outcome.asText(1));
        counts.put("audit_entry_actor" + SUMS, actor.asText(1));
        counts.put("audit_entry_at" + SUMS, single(times, timesSum));
        counts.put("audit_entry_case" + SUMS, single(cases, casesSum));
        counts.put("audit_entry_customer" + SUMS, single(customers, customersSum));
        return counts;
    }

    /** {"all": value} when there are entries, else empty (as the index read-back gives it). */
    private static Map<String, Long> single(long entries, long value) {
        Map<String, Long> m = new TreeMap<>();
        if (entries > 0) {
            m.put("all", value);
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
                boolean sums = idx.getKey().endsWith(SUMS);
                String countsOf = sums ? idx.getKey().substring(0, idx.getKey().length() - SUMS.length()) : null;
                if (sums && !Objects.equals(scanned.getOrDefault(countsOf, Map.of()).get(k),
                        indexed.getOrDefault(countsOf, Map.of()).get(k))) {
                    continue; // the count of that key already differs and is named
                }
                if (want != got && sums) {
                    out.add("index " + countsOf + " points" + ("all".equals(k) ? "" : " for " + k)
                            + " at other entries than the table holds (their numbers add up to " + got + ", not " + want
                            + ")");
                } else if (want != got) {
                    out.add("index " + idx.getKey() + " finds " + got + " entries" + ("all".equals(k) ? "" : " for " + k)
                            + " where the table holds " + want);
                }
            }
        }
        return out;
    }
}
