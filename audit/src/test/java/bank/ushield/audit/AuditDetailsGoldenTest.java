package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The one-pass details writer (ADR 0105) gives exactly the text the Jackson writer before it gave (kept as
 * {@link LegacyAuditDetails}), and refuses what it refused: the stored details are hashed into the leaves.
 */
class AuditDetailsGoldenTest {

    /** Every detail key the renewal, ca-sync, teller-app and audit code logs (grep of .detail(..) and put(..)). */
    private static final List<String> LOGGED_KEYS = List.of("acknowledgedAt", "acknowledgedTreeSize", "all",
            "anchoredFrom", "attemptedBy", "audit.anchorIntervalMinutes", "auditCheckpointTreeSize", "authorisedBy",
            "blankTokenReleased", "branch", "caCertificates", "cardNumber", "cards", "case", "caseNo",
            "certificateSerial", "certificates", "check", "code", "comment", "createdAt", "crls", "customerName",
            "customerNo", "customers", "customersAdded", "customersUpdated", "database", "day", "deliveryNote",
            "detail", "document", "documents", "entries", "event", "exception", "extractId", "failure", "failures",
            "fee", "file", "finding", "firstBadSeq", "firstSeq", "from", "fromTeller", "fromWorkstation",
            "handoverSignature", "headOffice.caCertificates", "headOffice.certificate", "headOffice.syncFolder",
            "headOfficeReason", "heldBy", "heldByTeller", "heldSince", "idNumber", "issued", "issuer",
            "keyAlgorithm", "keyId", "lastLeafHash", "lastSeq", "lastStep", "loggedIn", "login", "manager",
            "managerName", "missed", "mistakes", "model", "move", "name", "newCertificate", "newTokenSerial",
            "notAfter", "oldKeyGone", "oldKeyRemoved", "oldToken", "oldTokenSerial", "outcome", "percent",
            "photoOnRecordBytes", "pinState", "previousKeyId", "previousStatus", "problem", "queuedRevocations",
            "reader", "reason", "rejected", "replacementReason", "replaces", "requestBatchId", "requestSequence",
            "requests", "requestsToResend", "responseSequence", "result", "revocation", "revocationReason",
            "revocations", "revocationsToResend", "rootHash", "rows", "scenario", "scope", "sequence", "serial",
            "serviceReference", "signatureVerified", "signer", "size", "skippedCases", "state", "step", "sync.intervalMinutes",
            "takenFrom", "takenOverWith", "teller", "to", "tokenCheckedAtAbort", "tokenKeepsOldObjects",
            "tokenSerial", "tokenUpdates", "tokens", "treeSize", "triesLeft", "ui.idleLockMinutes", "ui.language",
            "ui.theme", "verdict", "voucher", "why", "withdrawnException", "workstation", "workstation.id", "zone");

    /** Keys that mask by name, in the spellings callers use. */
    private static final List<String> PERSONAL_KEYS = List.of("idNumber", "id_number", "ID-NO", "documentNumber",
            "residentId", "holderIdNumber", "cardNumber", "card_no", "PAN", "accountNumber", "bankCardNo",
            "newCardNumber", "name", "customerName", "holder_name", "Card Holder", "givenName", "phone", "mobile",
            "contactPhone", "homeAddress", "address", "tokenSerial", "leafHash", "sha256", "certFingerprint",
            "voucherNo", "firstSeq", "treeSize", "entryCount", "spin", "Spin");

    /** Values a caller could pass, friendly and hostile. */
    private static final List<Object> VALUES = List.of("", " ", "ok", "张三", "欧阳娜娜", "Zhang San", "王·小明",
            "北京市海淀区中关村大街1号", "13812345678", "+86 138 1234 5678", "110105194912310021",
            "11010519491231002X", "11010519491231002x", " 110105194912310021 ", "110105491231002",
            "1101**********0021", "6222021234561234", "6222 0212 3456 1234", "6222-0212-3456-1234",
            " 6222021234561234\t", "62220212345612345678", "622202123456", "6222 **** **** 1234", "1234567812345670",
            "4111111111111111", "0000000000000", "00000000000000000000000", "123456789012345678901234567890",
            "card 6222021234561234", "id 110105194912310021 seen", "a\"b\\c/d", "line\nbreak\ttab\rret",
            "\u0000\u0001\u0008\u000B\u000C\u001F\u007F", "\u2028\u2029", "😀 emoji", "\uD800 lone", "é\u0301",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "deadbeef".repeat(8),
            "QUJD".repeat(20), "2026-12-06T17:39:08.123Z", "null", "true", "1e10",
            0, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, (short) 7, (byte) -3, new BigInteger("123456789012345678901234"),
            1.5, -0.0, 1e21, 1.0E-7, 3.14f, new BigDecimal("1.2300"), new BigDecimal("1E+5"), true, false,
            Instant.parse("2026-12-06T17:39:08.123456Z"), LocalDate.of(2026, 12, 6),
            LocalDateTime.of(2026, 12, 6, 1, 2), DayOfWeek.MONDAY, AuditOutcome.FAILED, AuditEventType.CASE_OPENED,
            'x', '7', new StringBuilder("6222021234561234"), List.of(), Map.of(), List.of("6222021234561234", 1),
            Map.of("holder_name", "王小明", "n", 1), List.of(List.of("110105194912310021"), Map.of("phone", "13812345678")));

    @Test
    void everyLoggedKeyWithEveryValueWritesTheOldText() {
        for (String key : concat(LOGGED_KEYS, PERSONAL_KEYS)) {
            for (Object value : VALUES) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put(key, value);
                assertSame(details);
            }
            Map<String, Object> nulls = new HashMap<>();
            nulls.put(key, null);
            assertSame(nulls);
        }
    }

    @Test
    void everyControlAndEscapedCharacterWritesTheOldText() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        for (String key : List.of("comment", "k\"e\\y\n", "\u0001", "名字", "")) {
            assertSame(Map.of(key, all.toString()));
        }
        for (char c = 0; c < 0x100; c++) {
            assertSame(Map.of("c" + c, String.valueOf(c) + "x" + c, "tail", "" + c));
        }
    }

    @Test
    void randomDetailsLikeEveryEventTypeWritesTheOldText() throws Exception {
        Random rnd = new Random(20261206L);
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        List<String> keys = concat(LOGGED_KEYS, PERSONAL_KEYS);
        for (AuditEventType type : AuditEventType.values()) {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> details = randomMap(rnd, keys, 0);
                details.put("event", type);
                all.update(assertSame(details).getBytes(StandardCharsets.UTF_8));
            }
        }
        // Printed, not asserted against a constant: the oracle above is the check; this names the corpus's output.
        System.out.println("golden corpus SHA-256 " + HexFormat.of().formatHex(all.digest()));
    }

    @Test
    void mapsOfEveryKindAndKeyTypeWriteTheOldText() {
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put(1, "first");
        mixed.put("1", "second");
        mixed.put(10, 10);
        mixed.put(2, "two");
        mixed.put(null, "null key");
        mixed.put("null", "null text");
        mixed.put('Z', List.of());
        mixed.put(DayOfWeek.FRIDAY, "enum key");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mixed", mixed);
        details.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2, "B", 3, "ä", 4, "a_", 5)));
        details.put("reversed", new TreeMap<String, Object>(java.util.Comparator.reverseOrder()) {{
                put("x", 1);
                put("y", 2);
            }});
        details.put("intKeys", new TreeMap<>(Map.of(2, "b", 10, "j", 1, "a")));
        Map<String, Object> big = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            big.put("k" + (i * 7919 % 1000), i % 3 == 0 ? "6222021234561234" : i);
        }
        details.put("big", big);
        details.put("set", new java.util.LinkedHashSet<>(List.of("b", "a", "110105194912310021")));
        assertSame(details);
        assertSame(big);
        assertSame(new LinkedHashMap<>());
    }

    @Test
    void refusalsAreTheOldOnes() {
        List<Map<String, ?>> refused = new ArrayList<>();
        for (String key : List.of("pin", "PIN", "userPin", "token_pin", "newPin", "so-pin", "password",
                "loginPassword", "passwd", "pwd", "adminPwd", "secret", "clientSecret", "privateKey", "private_key",
                "privKey", "passphrase", "cvv", "CVV2", "otp", "pinBlock", "keyMaterial", "puk")) {
            refused.add(Map.of(key, "123456"));
            refused.add(Map.of("nested", Map.of(key, 1)));
            refused.add(Map.of("list", List.of(Map.of(key, List.of()))));
        }
        refused.add(Map.of("blob", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"));
        refused.add(Map.of("value", "1234".toCharArray()));
        refused.add(Map.of("value", new byte[] {1}));
        refused.add(Map.of("value", List.of(new char[] {'1'})));
        refused.add(Map.of("value", new Object()));
        refused.add(Map.of("value", Double.NaN));
        refused.add(Map.of("value", Float.POSITIVE_INFINITY));
        refused.add(Map.of("value", Duration.ofSeconds(5)));
        refused.add(Map.of("value", Set.of(new Object())));
        Object deep = "bottom";
        for (int i = 0; i < 12; i++) {
            deep = i % 2 == 0 ? Map.of("level" + i, deep) : List.of(deep);
            refused.add(Map.of("deep", deep)); // the first few are written, deeper ones refused: both compared
        }
        for (Map<String, ?> details : refused) {
            assertSame(details);
        }
    }

    @Test
    void base64PrivateKeyIsRefusedAsBefore() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
        assertSame(Map.of("attachment", java.util.Base64.getEncoder().encodeToString(der)));
        assertSame(Map.of("attachment", java.util.Base64.getMimeEncoder().encodeToString(der)));
        assertSame(Map.of("attachment", List.of(java.util.Base64.getEncoder().encodeToString(der))));
    }

    @Test
    void maskingGivesTheOldTextForEveryValue() {
        List<String> texts = new ArrayList<>();
        for (Object v : VALUES) {
            texts.add(String.valueOf(v));
        }
        texts.addAll(List.of("𠀀", "𠀀𠀁", "张 三", " 欧阳·娜娜 ", "\uD800", "a\uDC00b", "x", "12345678", "123456789",
                "1234567", "\t6222-0212-3456-1234\n", "6222\u000B0212\f3456\r1234", "6222\u00A00212", "--", " - "));
        Random rnd = new Random(105);
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = rnd.nextInt(24); j > 0; j--) {
                s.append("0123456789 -\tXx*·张\u3000𠀀".charAt(rnd.nextInt(20)));
            }
            texts.add(s.toString());
        }
        for (String t : texts) {
            assertThat(bank.ushield.db.Masking.idNumber(t)).as(t).isEqualTo(LegacyMasking.idNumber(t));
            assertThat(bank.ushield.db.Masking.cardNumber(t)).as(t).isEqualTo(LegacyMasking.cardNumber(t));
            assertThat(bank.ushield.db.Masking.name(t)).as(t).isEqualTo(LegacyMasking.name(t));
            assertThat(bank.ushield.db.Masking.phone(t)).as(t).isEqualTo(LegacyMasking.phone(t));
            assertThat(bank.ushield.db.Masking.address(t)).as(t).isEqualTo(LegacyMasking.address(t));
            assertThat(bank.ushield.db.Masking.looksLikeIdNumber(t)).as(t).isEqualTo(LegacyMasking.looksLikeIdNumber(t));
            assertThat(bank.ushield.db.Masking.looksLikeCardNumber(t)).as(t)
                    .isEqualTo(LegacyMasking.looksLikeCardNumber(t));
        }
    }

    @Test
    void entryTimesAreTheFormattersText() {
        Random rnd = new Random(0105);
        List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("0999-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-30T12:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2024-02-29T23:59:59.001Z"),
                Instant.parse("2026-12-06T17:39:08.123456789Z")));
        for (int i = 0; i < 20_000; i++) {
            times.add(Instant.ofEpochMilli(rnd.nextLong(-30_000_000_000_000L, 260_000_000_000_000L)));
        }
        for (Instant t : times) {
            Instant ms = t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            assertThat(AuditEntry.timeText(ms)).as(t.toString()).isEqualTo(AuditEntry.TIME_FORMAT.format(ms));
            assertThat(AuditEntry.formatTime(t)).isEqualTo(AuditEntry.TIME_FORMAT.format(ms));
        }
    }

    /** Both writers give the same text, or both refuse with the same exception and message; the text. */
    private static String assertSame(Map<?, ?> details) {
        @SuppressWarnings("unchecked")
        Map<String, ?> d = (Map<String, ?>) details;
        String expected;
        try {
            expected = LegacyAuditDetails.canonicalJson(d);
        } catch (RuntimeException old) {
            try {
                String got = AuditDetails.canonicalJson(d);
                throw new AssertionError("the old writer refused " + details + " (" + old + ") but the new wrote "
                        + got);
            } catch (RuntimeException now) {
                assertThat(now).as("refusal of %s", details).hasSameClassAs(old).hasMessage(old.getMessage());
                if (old instanceof AuditException a) {
                    assertThat(((AuditException) now).code()).isEqualTo(a.code());
                }
                return "";
            }
        }
        String actual = AuditDetails.canonicalJson(d);
        assertThat(actual).as("details %s", details).isEqualTo(expected);
        return actual;
    }

    private static Map<String, Object> randomMap(Random rnd, List<String> keys, int depth) {
        Map<String, Object> out = rnd.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
        int n = rnd.nextInt(depth == 0 ? 9 : 4);
        for (int i = 0; i < n; i++) {
            out.put(keys.get(rnd.nextInt(keys.size())), randomValue(rnd, keys, depth));
        }
        return out;
    }

    private static Object randomValue(Random rnd, List<String> keys, int depth) {
        int pick = rnd.nextInt(20);
        if (pick == 0 && depth < 3) {
            return randomMap(rnd, keys, depth + 1);
        }
        if (pick == 1 && depth < 3) {
            List<Object> list = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) {
                list.add(randomValue(rnd, keys, depth + 1));
            }
            return list;
        }
        if (pick == 2) {
            // A digit run of random length with random separators: where the ID and card patterns start and stop.
            StringBuilder s = new StringBuilder(rnd.nextBoolean() ? " " : "");
            for (int i = 10 + rnd.nextInt(12); i > 0; i--) {
                s.append((char) ('0' + rnd.nextInt(10)));
                if (rnd.nextInt(6) == 0) {
                    s.append(" -\t".charAt(rnd.nextInt(3)));
                }
            }
            if (rnd.nextInt(4) == 0) {
                s.append(rnd.nextBoolean() ? 'X' : 'x');
            }
            return s.toString();
        }
        return VALUES.get(rnd.nextInt(VALUES.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
