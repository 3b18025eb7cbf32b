package bank.ushield.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The details writer as it was before ADR 0105 (Jackson over a cleaned tree, a regular expression per pattern),
 * kept as the oracle the golden test compares {@link AuditDetails} with: the bytes must not change, except where a
 * number inside a longer text is now masked.
 */
final class LegacyAuditDetails {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

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

    private LegacyAuditDetails() {
    }

    /**
     * The canonical, masked JSON text of the details.
     *
     * @throws SecretRefusedException when a key or value looks like a PIN, password or private key
     */
    public static String canonicalJson(Map<String, ?> details) {
        Object clean = clean("", details, 0);
        try {
            return JSON.writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit details cannot be written as JSON", e);
        }
    }

    private static Object clean(String key, Object value, int depth) {
        if (depth > 8) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit details nest too deeply at '" + key + "'");
        }
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // Numbers with fractions print differently across libraries: keep their decimal text.
            return new BigDecimal(value.toString()).toPlainString();
        }
        if (value instanceof char[] || value instanceof byte[]) {
            throw new SecretRefusedException(key, "raw character or byte arrays are how PINs and keys travel");
        }
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                refuseSecretKey(k);
                out.put(k, clean(k, e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(clean(key, o, depth + 1));
            }
            return out;
        }
        if (value instanceof Enum<?> en) {
            return en.name();
        }
        if (value instanceof TemporalAccessor || value instanceof CharSequence || value instanceof Character) {
            return maskText(key, value.toString());
        }
        throw new AuditException(AuditException.Code.INVALID_EVENT, "Audit detail '" + key
                + "' has an unsupported type " + value.getClass().getSimpleName());
    }

    /** Throws when the key names a secret. */
    static void refuseSecretKey(String key) {
        String n = normalise(key);
        if (SECRET_KEYS.contains(n) || n.endsWith("pin") && !n.endsWith("spin") || n.endsWith("pwd")) {
            throw new SecretRefusedException(key, "the key names a PIN or password");
        }
        for (String part : SECRET_PARTS) {
            if (n.contains(part)) {
                throw new SecretRefusedException(key, "the key names a secret");
            }
        }
    }

    private static String maskText(String key, String text) {
        if (text.contains("PRIVATE KEY") || text.length() >= 64 && looksLikePkcs8(text)) {
            throw new SecretRefusedException(key, "the value looks like a private key");
        }
        String n = normalise(key);
        if (ID_KEYS.contains(n) || n.endsWith("idnumber")) {
            return LegacyMasking.idNumber(text);
        }
        if (CARD_KEYS.contains(n) || n.endsWith("cardnumber") || n.endsWith("cardno")) {
            return LegacyMasking.cardNumber(text);
        }
        if (NAME_KEYS.contains(n)) {
            return LegacyMasking.name(text);
        }
        if (n.endsWith("phone") || n.endsWith("mobile")) {
            return LegacyMasking.phone(text);
        }
        if (n.endsWith("address")) {
            return LegacyMasking.address(text);
        }
        for (String suffix : NOT_PERSONAL_SUFFIXES) {
            if (n.endsWith(suffix)) {
                return text;
            }
        }
        // Whatever the key, a bare ID or card number is personal data.
        if (LegacyMasking.looksLikeIdNumber(text)) {
            return LegacyMasking.idNumber(text);
        }
        if (BARE_CARD.matcher(text).matches()) {
            // Luhn or not: a long bare digit run may be an account number; masking it costs nothing.
            return LegacyMasking.cardNumber(text);
        }
        // The one deliberate change (ADR 0105): numbers inside a longer text were kept in clear before.
        return AuditDetails.maskEmbedded(text);
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

    /** The key in lower case without '_', '-', '.' and white space (a loop: it runs for every key of every append). */
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
