package bank.ushield.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test double of a vendor's SM2 U-shield: the C PKCS#11 module {@code sm2-vendor-token.c} built by gcc on
 * OpenSSL's libcrypto into a folder, its objects kept in a file there, and the vendor profile that describes it
 * written where IT would put it ({@code vendor-profiles/}). SoftHSM2 has no SM2; RSA and EC stay on SoftHSM2.
 *
 * @param module   the built module library
 * @param profiles the folder with the profile {@value #PROFILE}.properties
 */
public record Sm2VendorToken(Path module, Path profiles) {

    public static final String SERIAL = "GM3000T0001";
    public static final String PIN = "123456";
    public static final String PROFILE = "test-gm";
    /** The vendor codes the module answers to (as in its source). */
    public static final long CKK_SM2 = 0x80000004L;
    public static final long KEY_PAIR_GEN = 0x80008001L;
    public static final long SIGN_RAW = 0x80008000L;
    public static final long SIGN_SM3 = 0x80008100L;
    public static final long SM3 = 0x80009001L;

    /** Builds a fresh token (own store file) in the folder. */
    public static Sm2VendorToken build(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String source;
        try (InputStream in = Sm2VendorToken.class.getResourceAsStream("sm2-vendor-token.c")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path store = dir.resolve("sm2-token-store.txt").toAbsolutePath();
        Path so = NativeLibraries.compile(dir, "gm-sm2-double", source, List.of("-include", "stddef.h",
                "-I/usr/include/p11-kit-1", "-DSTORE_FILE=\"" + store + "\"", "-DTEST_PIN=\"" + PIN + "\"", "-lcrypto"));
        Path profiles = Files.createDirectories(dir.resolve("vendor-profiles"));
        writeProfile(profiles, PROFILE, "workstation", SIGN_RAW, KEY_PAIR_GEN);
        return new Sm2VendorToken(so, profiles);
    }

    /**
     * Writes a profile for this module: Z computed on the "workstation" (raw signing) or on the "token" (SM3 with Z),
     * with this key generation code (a wrong one tests the refusal of an unknown vendor mechanism).
     */
    public static Path writeProfile(Path folder, String name, String z, long sign, long keyPairGen) throws IOException {
        String text = "# The SM2 U-shield test double (test-support/sm2-vendor-token.c)\n"
                + "match.manufacturer=Test GM Vendor\n"
                + "match.model=GM3000\n"
                + "sm2.keyType=0x" + Long.toHexString(CKK_SM2) + "\n"
                + "sm2.keyPairGen=0x" + Long.toHexString(keyPairGen) + "\n"
                + (z.equals("token") ? "sm2.signWithSm3=0x" : "sm2.sign=0x") + Long.toHexString(sign) + "\n"
                + "sm3=0x" + Long.toHexString(SM3) + "\n"
                + "sm2.z=" + z + "\n"
                + "sm2.signature=raw\n";
        return Files.writeString(folder.resolve(name + ".properties"), text);
    }
}
