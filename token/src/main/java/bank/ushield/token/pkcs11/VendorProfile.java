package bank.ushield.token.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import bank.ushield.token.SettingsFileException;
import bank.ushield.token.TokenInfo;

/**
 * How one vendor's token model does SM2 through PKCS#11, which defines no SM2 mechanisms: the vendor's codes (in the
 * CKM_VENDOR_DEFINED range) for SM2 key generation, signing and SM3, who computes Z, and how signatures come back.
 * Read from a properties file (docs/token.md, "Vendor profiles").
 *
 * @param name             the file's base name, e.g. "tass"
 * @param manufacturer     matched (case-insensitive, contained) against CK_TOKEN_INFO manufacturerID
 * @param model            optional: matched as a prefix of CK_TOKEN_INFO model
 * @param sm2KeyType       the vendor's CKK for SM2 keys
 * @param sm2KeyPairGen    the vendor's CKM for SM2 key pair generation
 * @param sm2Sign          optional: CKM signing a 32-byte e = SM3(Z || M) (Z computed by the workstation)
 * @param sm2Sm3Sign       optional: CKM signing the message with SM3 and Z computed on the token
 * @param sm3              optional: CKM for SM3 digests (shown in Detect tokens)
 * @param zOnToken         true: sign with {@code sm2Sm3Sign}; false: compute Z here and sign with {@code sm2Sign}
 * @param userIdParameter  with Z on the token: pass the user ID as the mechanism parameter (else the token's default)
 * @param rawSignature     true: the token returns r || s (converted to DER here); false: DER already
 */
public record VendorProfile(String name, String manufacturer, Optional<String> model, long sm2KeyType,
                            long sm2KeyPairGen, OptionalLong sm2Sign, OptionalLong sm2Sm3Sign, OptionalLong sm3,
                            boolean zOnToken, boolean userIdParameter, boolean rawSignature) {

    public VendorProfile {
        if (zOnToken && sm2Sm3Sign.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": sm2.z=token needs sm2.signWithSm3");
        }
        if (!zOnToken && sm2Sign.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": sm2.z=workstation needs sm2.sign");
        }
    }

    /** Whether the profile is for this token (manufacturer contained, model prefix if the profile names one). */
    public boolean matches(TokenInfo token) {
        boolean m = !manufacturer.isBlank()
                && token.manufacturer().toLowerCase(Locale.ROOT).contains(manufacturer.toLowerCase(Locale.ROOT));
        return m && model.map(p -> token.model().toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT))).orElse(true);
    }

    /**
     * Whether a code the wrapper reports is this profile's {@code code}: the wrapper rewrites some vendors' codes to
     * its own generic ones (CKM_VENDOR_SM2..., from its vendor.conf matched on the library path), so both count.
     */
    static boolean same(long reported, long code, long genericEquivalent) {
        return reported == code || reported == genericEquivalent;
    }

    /** The mechanism the profile signs with. */
    public long signMechanism() {
        return zOnToken ? sm2Sm3Sign.getAsLong() : sm2Sign.getAsLong();
    }

    /**
     * Reads a profile; a missing or malformed key is a {@link SettingsFileException} naming {@code source} (the file)
     * and the key.
     */
    public static VendorProfile read(String name, String source, InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        String z = oneOf(p, source, "sm2.z", "workstation", List.of("token", "workstation"));
        String encoding = oneOf(p, source, "sm2.signature", "raw", List.of("raw", "der"));
        OptionalLong sign = optionalCode(p, source, "sm2.sign");
        OptionalLong signWithSm3 = optionalCode(p, source, "sm2.signWithSm3");
        if (z.equals("token") && signWithSm3.isEmpty()) {
            throw SettingsFileException.needed(source, "sm2.signWithSm3", "sm2.z=token");
        }
        if (z.equals("workstation") && sign.isEmpty()) {
            throw SettingsFileException.needed(source, "sm2.sign", "sm2.z=workstation");
        }
        return new VendorProfile(name, required(p, source, "match.manufacturer"),
                Optional.ofNullable(p.getProperty("match.model")).map(String::strip).filter(s -> !s.isEmpty()),
                code(p, source, "sm2.keyType").getAsLong(), code(p, source, "sm2.keyPairGen").getAsLong(),
                sign, signWithSm3, optionalCode(p, source, "sm3"), z.equals("token"),
                Boolean.parseBoolean(oneOf(p, source, "sm2.userIdParameter", "true", List.of("true", "false"))),
                encoding.equals("raw"));
    }

    private static String oneOf(Properties p, String source, String key, String fallback, List<String> allowed) {
        String v = p.getProperty(key, fallback).strip();
        if (!allowed.contains(v)) {
            throw SettingsFileException.notOneOf(source, key, v, allowed);
        }
        return v;
    }

    private static String required(Properties p, String source, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw SettingsFileException.missing(source, key);
        }
        return v.strip();
    }

    private static OptionalLong code(Properties p, String source, String key) {
        OptionalLong v = optionalCode(p, source, key);
        if (v.isEmpty()) {
            throw SettingsFileException.missing(source, key);
        }
        return v;
    }

    private static OptionalLong optionalCode(Properties p, String source, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return OptionalLong.empty();
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        try {
            return OptionalLong.of(t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw SettingsFileException.notANumber(source, key, v.strip());
        }
    }
}
