package bank.ushield.idverification.card;

import bank.ushield.idverification.Resources;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The shipped card BIN table (longest prefix wins); see docs/id-verification.md for what it holds. */
public final class BinTable {

    private static final String RESOURCE = "/bank/ushield/idverification/bin-table.tsv";

    private final List<BinEntry> entries;

    private BinTable(List<BinEntry> entries) {
        List<BinEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(BinEntry::prefixLength).reversed());
        this.entries = List.copyOf(sorted);
    }

    public static BinTable of(List<BinEntry> entries) {
        return new BinTable(entries);
    }

    /** The table shipped in this jar (loaded on first use). */
    public static BinTable shipped() {
        return Shipped.TABLE;
    }

    /** Holder: the JVM loads the table once, on first use, thread-safely. */
    private static final class Shipped {
        static final BinTable TABLE = Resources.load(RESOURCE, BinTable::load);
    }

    /** Reads the shipped format: prefix or low-high TAB issuer code TAB issuer name TAB scheme TAB lengths. */
    public static BinTable load(InputStream in) throws IOException {
        List<BinEntry> list = new ArrayList<>();
        Resources.forEachRow(in, "BIN table", f -> {
            if (f.length != 5) {
                throw new IllegalArgumentException("expected 5 fields");
            }
            String[] range = f[0].split("-");
            Set<Integer> lengths = new HashSet<>();
            for (String l : f[4].split(",")) {
                lengths.add(Integer.parseInt(l.trim()));
            }
            list.add(new BinEntry(range[0], range.length > 1 ? range[1] : range[0], f[1], f[2], f[3], lengths));
        });
        return new BinTable(list);
    }

    /** The most specific row for a PAN of ASCII digits. */
    public Optional<BinEntry> lookup(String pan) {
        for (BinEntry e : entries) {
            if (e.matches(pan)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public List<BinEntry> entries() {
        return entries;
    }
}
