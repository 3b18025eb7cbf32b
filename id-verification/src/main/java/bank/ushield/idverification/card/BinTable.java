package bank.ushield.idverification.card;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The shipped card BIN table (longest prefix wins); see docs/id-verification.md for what it holds. */
public final class BinTable {

    private static final String RESOURCE = "/bank/ushield/idverification/bin-table.tsv";
    private static volatile BinTable shipped;

    private final List<BinEntry> entries;

    private BinTable(List<BinEntry> entries) {
        List<BinEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(BinEntry::prefixLength).reversed());
        this.entries = List.copyOf(sorted);
    }

    public static BinTable of(List<BinEntry> entries) {
        return new BinTable(entries);
    }

    /** The table shipped in this jar. */
    public static BinTable shipped() {
        BinTable t = shipped;
        if (t == null) {
            synchronized (BinTable.class) {
                if (shipped == null) {
                    try (InputStream in = BinTable.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("BIN table missing from the jar: " + RESOURCE);
                        }
                        shipped = load(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the BIN table", e);
                    }
                }
                t = shipped;
            }
        }
        return t;
    }

    /** Reads the shipped format: prefix or low-high TAB issuer code TAB issuer name TAB scheme TAB lengths. */
    public static BinTable load(InputStream in) throws IOException {
        List<BinEntry> list = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields");
                }
                String[] range = f[0].split("-");
                Set<Integer> lengths = new HashSet<>();
                for (String l : f[4].split(",")) {
                    lengths.add(Integer.parseInt(l.trim()));
                }
                list.add(new BinEntry(range[0], range.length > 1 ? range[1] : range[0], f[1], f[2], f[3], lengths));
            } catch (RuntimeException e) {
                throw new IOException("BIN table line " + lineNo + " is malformed: " + e.getMessage(), e);
            }
        }
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
