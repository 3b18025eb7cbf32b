package bank.ushield.idverification.document;

import bank.ushield.idverification.Resources;
import bank.ushield.idverification.Text;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shipped table of GB/T 2260 codes (current and historical; see docs/id-verification.md for its sources and
 * what it leaves out). Loaded once; lookups are map reads.
 */
public final class RegionCodes {

    private static final String RESOURCE = "/bank/ushield/idverification/region-codes.tsv";
    /** Province codes of the mainland that GB 11643 resident ID numbers can start with. */
    private static final Set<String> MAINLAND_PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");


    private final Map<String, Region> byCode;

    private RegionCodes(Map<String, Region> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** The table shipped in this jar (loaded on first use). */
    public static RegionCodes shipped() {
        return Shipped.TABLE;
    }

    /** Holder: the JVM loads the table once, on first use, thread-safely. */
    private static final class Shipped {
        static final RegionCodes TABLE = Resources.load(RESOURCE, RegionCodes::load);
    }

    /** Reads a table in the shipped format: code TAB name TAB C|H [TAB note], '#' comments. */
    public static RegionCodes load(InputStream in) throws IOException {
        Map<String, Region> map = new LinkedHashMap<>();
        Resources.forEachRow(in, "region code table", f -> {
            if (f.length < 3 || f[0].length() != 6 || !Text.isAsciiDigits(f[0])
                    || !(f[2].equals("C") || f[2].equals("H"))) {
                throw new IllegalArgumentException("expected a 6-digit code, a name and C or H");
            }
            map.put(f[0], new Region(f[0], f[1], f[2].equals("C")));
        });
        return new RegionCodes(map);
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** True when the first two digits name a mainland province (not 71 Taiwan, 81 Hong Kong, 82 Macau). */
    public boolean isMainlandProvince(String code) {
        return code != null && code.length() >= 2 && MAINLAND_PROVINCES.contains(code.substring(0, 2));
    }

    public Collection<Region> all() {
        return byCode.values();
    }
}
