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
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shipped tables of GB/T 2260 codes: the 2002+ table (current and historical) and, read only when a code is
 * not in it, the Ministry of Civil Affairs' 1980-2001 lists (see docs/id-verification.md for sources and gaps).
 */
public final class RegionCodes {

    private static final String RESOURCE = "/bank/ushield/idverification/region-codes.tsv";
    private static final String RESOURCE_1980_2001 = "/bank/ushield/idverification/region-codes-1980-2001.tsv";
    /** Province codes of the mainland that GB 11643 resident ID numbers can start with. */
    private static final Set<String> MAINLAND_PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");

    private static final Pattern YEARS = Pattern.compile("\\d{4,6}(\\.\\.\\d{4,6})?( .*)?");
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{6}");

    private final Map<String, Region> byCode;
    private final Supplier<Map<String, Region>> before2002;

    private RegionCodes(Map<String, Region> byCode, Supplier<Map<String, Region>> before2002) {
        this.byCode = Collections.unmodifiableMap(byCode);
        this.before2002 = before2002;
    }

    /** The tables shipped in this jar (each loaded on first use). */
    public static RegionCodes shipped() {
        return Shipped.TABLE;
    }

    /** Holder: the JVM loads the table once, on first use, thread-safely. */
    private static final class Shipped {
        static final RegionCodes TABLE = new RegionCodes(Resources.load(RESOURCE, RegionCodes::read),
                () -> Before2002.TABLE);
    }

    /** Holder of the 1980-2001 lists: most numbers carry a code of the 2002+ table and never load it. */
    private static final class Before2002 {
        static final Map<String, Region> TABLE =
                Collections.unmodifiableMap(Resources.load(RESOURCE_1980_2001, RegionCodes::read1980To2001));
    }

    /** Reads a table in the shipped format: code TAB name TAB C|H TAB first..last, '#' comments; no older lists. */
    public static RegionCodes load(InputStream in) throws IOException {
        return new RegionCodes(read(in), Map::of);
    }

    /** Both tables from streams (tests): the 2002+ format and the 1980-2001 format. */
    public static RegionCodes load(InputStream current, InputStream from1980To2001) throws IOException {
        Map<String, Region> older = read1980To2001(from1980To2001);
        return new RegionCodes(read(current), () -> older);
    }

    private static Map<String, Region> read(InputStream in) throws IOException {
        Map<String, Region> map = new LinkedHashMap<>();
        Resources.forEachRow(in, "region code table", f -> {
            if (f.length < 4 || !isCode(f[0]) || !(f[2].equals("C") || f[2].equals("H"))
                    || !YEARS.matcher(f[3]).matches()) {
                throw new IllegalArgumentException("expected a 6-digit code, a name, C or H and yyyy[mm][..yyyy[mm]]");
            }
            int dots = f[3].indexOf("..");
            map.put(f[0], new Region(f[0], f[1], f[2].equals("C"), year(f[3]),
                    dots < 0 ? year(f[3]) : year(f[3].substring(dots + 2))));
        });
        return map;
    }

    /** The 1980-2001 format: a "code name first last" header, then code TAB name TAB yyyymm TAB yyyymm. */
    static Map<String, Region> read1980To2001(InputStream in) throws IOException {
        Map<String, Region> map = new LinkedHashMap<>();
        Resources.forEachRow(in, "1980-2001 region code list", f -> {
            if (f.length == 4 && f[0].equals("code")) {
                return;
            }
            if (f.length != 4 || !isCode(f[0]) || f[1].isBlank() || !YEAR_MONTH.matcher(f[2]).matches()
                    || !YEAR_MONTH.matcher(f[3]).matches()
                    || f[2].compareTo(f[3]) > 0) {
                throw new IllegalArgumentException("expected a 6-digit code, a name, and first <= last as yyyymm");
            }
            map.put(f[0], new Region(f[0], f[1], false, year(f[2]), year(f[3])));
        });
        return map;
    }

    private static boolean isCode(String s) {
        return s.length() == 6 && Text.isAsciiDigits(s);
    }

    private static int year(String yyyy) {
        return Integer.parseInt(yyyy.substring(0, 4));
    }

    /** The code in the 2002+ table, else in the 1980-2001 lists (then historical: {@link Region#current()} false). */
    public Optional<Region> find(String code) {
        Region r = byCode.get(code);
        return r != null ? Optional.of(r) : Optional.ofNullable(before2002.get().get(code));
    }

    /** True when the first two digits name a mainland province (not 71 Taiwan, 81 Hong Kong, 82 Macau). */
    public boolean isMainlandProvince(String code) {
        return code != null && code.length() >= 2 && MAINLAND_PROVINCES.contains(code.substring(0, 2));
    }

    /** The codes of the 2002+ table (the 1980-2001 lists are not loaded for this). */
    public Collection<Region> all() {
        return byCode.values();
    }

    /** The codes found only in the 1980-2001 lists (loads them). */
    public Collection<Region> onlyBefore2002() {
        return before2002.get().values().stream().filter(r -> !byCode.containsKey(r.code())).toList();
    }
}
