package bank.ushield.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import bank.ushield.db.Masking;

/**
 * Turns event details into the stored form: secrets refused, personal data masked, canonical JSON (keys sorted,
 * UTF-8, no insignificant whitespace). Exposed so other modules can check details before they build an event.
 *
 * <p>One pass writes the JSON text as it checks and masks (docs/adr/0105): an append often runs before the JIT has
 * compiled anything, so every step skipped counts. The text is the one Jackson wrote over a cleaned tree before;
 * AuditDetailsGoldenTest holds it to that.
 */
public final class AuditDetails {

    /** Normalised key names (lower case, no '_', '-', '.') that name a secret. */
    private static final Set<String> SECRET_KEYS = Set.of("pin", "pincode", "userpin", "sopin", "newpin", "oldpin",
            "tokenpin", "puk", "pwd", "password", "passwd", "passphrase", "secret", "privatekey", "privkey",
            "secretkey", "keymaterial", "otp", "cvv", "cvv2", "cvn", "cvc", "pinblock");
    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "passphrase", "privatekey",
            "secret", "pinblock");
    private static final Set<String> ID_KEYS = Set.of("idnumber", "idno", "documentnumber", "docnumber", "docno",
            "certificateno", "idcard", "idcardno", "residentid");
    private static final Set<String> CARD_KEYS = Set.of("cardnumber", "cardno", "pan", "accountnumber", "accountno",
            "bankcard", "bankcardno");
    private static final Set<String> NAME_KEYS = Set.of("name", "customername", "fullname", "holdername",
            "cardholdername", "cardholder", "personname", "surname", "givenname", "documentname");
    private static final List<String> NOT_PERSONAL_SUFFIXES = List.of("serial", "hash", "sha256", "fingerprint",
            "voucherno", "seq", "size", "count");
    private static final Pattern BARE_CARD = Pattern.compile("\\s*\\d{4}(?:[\\s-]?\\d){9,15}\\s*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]{64,}");
    /** Fewer ASCII digits than this and neither a bare ID number (15 or 18) nor a bare card (13 to 19) can match. */
    private static final int FEWEST_DIGITS_OF_A_NUMBER = 13;
    /** Keys seen and what they mean, so each key is normalised and looked up once per process, not per append. */
    private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();
    /** Bound on {@link #KINDS}: keys are the code's own literals; a caller passing data as keys is not cached. */
    private static final int MAX_KINDS = 1024;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** What a key says about its values; SECRET and SECRET_PART keys are refused. */
    private enum Kind { SECRET, SECRET_PART, ID, CARD, NAME, PHONE, ADDRESS, NOT_PERSONAL, OTHER }

    private AuditDetails() {
    }

    /**
     * The canonical, masked JSON text of the details.
     *
     * @throws SecretRefusedException when a key or value looks like a PIN, password or private key
     */
    public static String canonicalJson(Map<String, ?> details) {
        StringBuilder out = new StringBuilder(256);
        writeMap(out, "", details, 0);
        return out.toString();
    }

    /** Writes {@code value} found under {@code key} (of kind {@code kind}, null above the first map). */
    private static void write(StringBuilder out, String key, Kind kind, Object value, int depth) {
        if (depth > 8) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit details nest too deeply at '" + key + "'");
        }
        if (value instanceof String s) {
            writeString(out, maskText(key, kind, s));
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // Numbers with fractions print differently across libraries: keep their decimal text.
            writeString(out, new BigDecimal(value.toString()).toPlainString());
        } else if (value instanceof char[] || value instanceof byte[]) {
            throw new SecretRefusedException(key, "raw character or byte arrays are how PINs and keys travel");
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, key, map, depth);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, key, kind, o, depth + 1);
            }
            out.append(']');
        } else if (value instanceof Enum<?> en) {
            writeString(out, en.name());
        } else if (value instanceof TemporalAccessor || value instanceof CharSequence || value instanceof Character) {
            writeString(out, maskText(key, kind, value.toString()));
        } else {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit detail '" + key
                    + "' has an unsupported type " + value.getClass().getSimpleName());
        }
    }

    /**
     * Writes a map with its keys in String order. Keys are checked in the map's own order first; where two keys
     * give the same text (1 and "1"), the later one's value is written, as a TreeMap filled in that order kept it.
     */
    private static void writeMap(StringBuilder out, String key, Map<?, ?> map, int depth) {
        if (depth > 8) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit details nest too deeply at '" + key + "'");
        }
        int n = map.size();
        String[] keys = new String[n];
        Object[] values = new Object[n];
        Kind[] kinds = new Kind[n];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String k = String.valueOf(e.getKey());
            kinds[i] = kindOf(k);
            keys[i] = k;
            values[i] = e.getValue();
            i++;
        }
        n = i;
        if (!(map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null && allStrings(map))) {
            sortStable(keys, values, kinds, n);
        }
        out.append('{');
        boolean first = true;
        for (i = 0; i < n; i++) {
            int mark = out.length();
            if (!first) {
                out.append(',');
            }
            writeString(out, keys[i]);
            out.append(':');
            write(out, keys[i], kinds[i], values[i], depth + 1);
            if (i + 1 < n && keys[i + 1].equals(keys[i])) {
                out.setLength(mark); // checked and masked like the old tree did, then replaced by the later value
            } else {
                first = false;
            }
        }
        out.append('}');
    }

    private static boolean allStrings(Map<?, ?> map) {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the three arrays by key, keeping equal keys in their order (insertion sort: details maps are small). */
    private static void sortStable(String[] keys, Object[] values, Kind[] kinds, int n) {
        if (n > 64) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b])); // stable (TimSort)
            String[] k = keys.clone();
            Object[] v = values.clone();
            Kind[] t = kinds.clone();
            for (int i = 0; i < n; i++) {
                keys[i] = k[order[i]];
                values[i] = v[order[i]];
                kinds[i] = t[order[i]];
            }
            return;
        }
        for (int i = 1; i < n; i++) {
            String k = keys[i];
            Object v = values[i];
            Kind t = kinds[i];
            int j = i - 1;
            while (j >= 0 && keys[j].compareTo(k) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                kinds[j + 1] = kinds[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
            kinds[j + 1] = t;
        }
    }

    /** The kind of a key, refused here when it names a secret. */
    private static Kind kindOf(String key) {
        Kind kind = KINDS.get(key);
        if (kind == null) {
            kind = classify(normalise(key));
            if (KINDS.size() < MAX_KINDS) {
                KINDS.put(key, kind);
            }
        }
        if (kind == Kind.SECRET) {
            throw new SecretRefusedException(key, "the key names a PIN or password");
        }
        if (kind == Kind.SECRET_PART) {
            throw new SecretRefusedException(key, "the key names a secret");
        }
        return kind;
    }

    private static Kind classify(String n) {
        if (SECRET_KEYS.contains(n) || n.endsWith("pin") && !n.endsWith("spin") || n.endsWith("pwd")) {
            return Kind.SECRET;
        }
        for (String part : SECRET_PARTS) {
            if (n.contains(part)) {
                return Kind.SECRET_PART;
            }
        }
        if (ID_KEYS.contains(n) || n.endsWith("idnumber")) {
            return Kind.ID;
        }
        if (CARD_KEYS.contains(n) || n.endsWith("cardnumber") || n.endsWith("cardno")) {
            return Kind.CARD;
        }
        if (NAME_KEYS.contains(n)) {
            return Kind.NAME;
        }
        if (n.endsWith("phone") || n.endsWith("mobile")) {
            return Kind.PHONE;
        }
        if (n.endsWith("address")) {
            return Kind.ADDRESS;
        }
        for (String suffix : NOT_PERSONAL_SUFFIXES) {
            if (n.endsWith(suffix)) {
                return Kind.NOT_PERSONAL;
            }
        }
        return Kind.OTHER;
    }

    private static String maskText(String key, Kind kind, String text) {
        if (text.contains("PRIVATE KEY") || text.length() >= 64 && looksLikePkcs8(text)) {
            throw new SecretRefusedException(key, "the value looks like a private key");
        }
        switch (kind) {
            case ID:
                return Masking.idNumber(text);
            case CARD:
                return Masking.cardNumber(text);
            case NAME:
                return Masking.name(text);
            case PHONE:
                return Masking.phone(text);
            case ADDRESS:
                return Masking.address(text);
            case NOT_PERSONAL:
                return text;
            default:
                break;
        }
        if (digits(text) < FEWEST_DIGITS_OF_A_NUMBER) {
            return text; // most values: no ID or card number fits in them
        }
        // Whatever the key, a bare ID or card number is personal data.
        if (Masking.looksLikeIdNumber(text)) {
            return Masking.idNumber(text);
        }
        if (BARE_CARD.matcher(text).matches()) {
            // Luhn or not: a long bare digit run may be an account number; masking it costs nothing.
            return Masking.cardNumber(text);
        }
        return maskEmbedded(text);
    }

    /**
     * Masks the ID and card numbers that stand as words inside a longer text (a note, an error message): 13 to 19
     * digits, or 17 and an X, or a card in groups of four split by spaces or dashes, with no ASCII letter or digit
     * on either side (so a hex fingerprint keeps its digits; Chinese text around a number does not protect it).
     */
    static String maskEmbedded(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!isAsciiDigit(text.charAt(i)) || i > 0 && isAsciiAlnum(text.charAt(i - 1))) {
                continue;
            }
            int end = numberEnd(text, i);
            if (end < 0) {
                while (i + 1 < n && isAsciiAlnum(text.charAt(i + 1))) {
                    i++; // not a number standing alone: skip the rest of this word
                }
                continue;
            }
            String number = text.substring(i, end);
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append(Masking.looksLikeIdNumber(number) ? Masking.idNumber(number)
                    : Masking.cardNumber(number));
            copied = end;
            i = end - 1;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /** The end of an ID or card number starting at {@code start} (a digit with no letter or digit before), or -1. */
    private static int numberEnd(String text, int start) {
        int n = text.length();
        int j = start;
        while (j < n && isAsciiDigit(text.charAt(j))) {
            j++;
        }
        int run = j - start;
        if (run == 17 && j < n && (text.charAt(j) == 'X' || text.charAt(j) == 'x')) {
            j++;
        } else if (run == 4) {
            // 6222 0212 3456 1234 or 6222-0212-3456-123: groups of four, the last one to four digits.
            int digits = 4;
            int k = j;
            while (k + 1 < n && (text.charAt(k) == ' ' || text.charAt(k) == '-') && isAsciiDigit(text.charAt(k + 1))) {
                int g = k + 1;
                while (g < n && isAsciiDigit(text.charAt(g))) {
                    g++;
                }
                int group = g - k - 1;
                if (group > 4) {
                    break;
                }
                digits += group;
                k = g;
                if (group < 4) {
                    break;
                }
            }
            if (digits < 13 || digits > 19 || k < n && isAsciiAlnum(text.charAt(k))) {
                return -1;
            }
            return k;
        } else if (run < 13 || run > 19) {
            return -1;
        }
        return j < n && isAsciiAlnum(text.charAt(j)) ? -1 : j;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The count of ASCII digits (what the regular expressions' \d matches). */
    private static int digits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }

    private static boolean looksLikePkcs8(String text) {
        if (!BASE64.matcher(text).matches()) {
            return false;
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text);
            return PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm() != null;
        } catch (RuntimeException notAKey) {
            return false;
        }
    }

    /** Writes a JSON string as Jackson did: '"', '\\' and control characters escaped, everything else as it is. */
    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            start = i + 1;
        }
        out.append(s, start, s.length()).append('"');
    }

    /** The key in lower case without '_', '-', '.' and white space. */
    private static String normalise(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-' && c != '.' && !isRegexSpace(c)) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The white space of the regular expression class \s (space, tab, line feed, vertical tab, form feed, return). */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
