package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/** What the audit log keeps of personal data: masked, and never a PIN, password or private key. */
class AuditDetailsMaskingTest {

    @Test
    void everyPersonalFieldInDetailsIsMasked() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("idNumber", "110105194912310021");
        details.put("cardNumber", "6222021234561234");
        details.put("customerName", "张三");
        details.put("phone", "13812345678");
        details.put("address", "北京市海淀区中关村大街1号");
        // Under keys that do not say so, bare ID and card numbers are still caught.
        details.put("note", "11010519491231002X");
        details.put("presented", List.of("6222021234561234"));
        details.put("nested", Map.of("holder_name", "王小明"));
        details.put("tokenSerial", "1234567812345670");

        String json = AuditDetails.canonicalJson(details);

        assertThat(json).doesNotContain("110105194912310021", "11010519491231002X", "6222021234561234",
                "张三", "13812345678", "王小明", "中关村");
        assertThat(json).contains("\"idNumber\":\"1101**********0021\"", "\"cardNumber\":\"6222 **** **** 1234\"",
                "\"customerName\":\"张*\"", "\"note\":\"1101**********002X\"", "\"holder_name\":\"王**\"",
                "\"tokenSerial\":\"1234567812345670\"");
    }

    @Test
    void numbersInsideLongerTextsAreMasked() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("comment", "customer 110105194912310021 called; card 6222021234561234.");
        details.put("reason", "身份证11010519491231002X不符, 卡号6222-0212-3456-1234");
        details.put("exception", "No account 6222 0212 3456 1234 567 (old ID 110105491231002)");
        details.put("why", List.of("see 6222021234561234"));
        // Digits inside a word stay: fingerprints, key ids, file names; and short numbers are not personal.
        details.put("keyId", "ab1234567890123456789cd");
        details.put("file", "REQ-WS01-00000042.p7m");
        details.put("detail", "rows 12, 2026-12-06, 12345678 and 1234567890123456789012 (22 digits)");

        String json = AuditDetails.canonicalJson(details);

        assertThat(json).doesNotContain("110105194912310021", "11010519491231002X", "6222021234561234",
                "0212", "110105491231002");
        assertThat(json).contains("\"comment\":\"customer 1101**********0021 called; card 6222 **** **** 1234.\"",
                "身份证1101**********002X不符, 卡号6222 **** **** 1234",
                "No account 6222 **** **** 4567 (old ID 1101*******1002)", "see 6222 **** **** 1234",
                "\"keyId\":\"ab1234567890123456789cd\"", "REQ-WS01-00000042.p7m",
                "rows 12, 2026-12-06, 12345678 and 1234567890123456789012 (22 digits)");
    }

    @Test
    void canonicalJsonSortsKeysAndIsStable() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1);
        a.put("a", Map.of("y", true, "x", "文"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("a", Map.of("x", "文", "y", true));
        b.put("b", 1L);
        assertThat(AuditDetails.canonicalJson(a)).isEqualTo("{\"a\":{\"x\":\"文\",\"y\":true},\"b\":1}")
                .isEqualTo(AuditDetails.canonicalJson(b));
    }

    @Test
    void pinsPasswordsAndPrivateKeysAreRefused() {
        for (String key : List.of("pin", "PIN", "userPin", "token_pin", "newPin", "password", "loginPassword",
                "passwd", "secret", "clientSecret", "privateKey", "private_key", "passphrase", "cvv")) {
            assertThatThrownBy(() -> AuditDetails.canonicalJson(Map.of(key, "123456")))
                    .as(key)
                    .isInstanceOf(SecretRefusedException.class)
                    .hasMessageNotContaining("123456")
                    .satisfies(e -> assertThat(((SecretRefusedException) e).code())
                            .isEqualTo(AuditException.Code.SECRET_REFUSED));
        }
        assertThatThrownBy(() -> AuditDetails.canonicalJson(Map.of("nested", Map.of("pin", "1234"))))
                .isInstanceOf(SecretRefusedException.class);
        assertThatThrownBy(() -> AuditDetails.canonicalJson(Map.of("blob",
                "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----")))
                .isInstanceOf(SecretRefusedException.class).hasMessageNotContaining("MIGHAgEA");
        assertThatThrownBy(() -> AuditDetails.canonicalJson(Map.of("value", "1234".toCharArray())))
                .isInstanceOf(SecretRefusedException.class);
        // Counts about PINs are fine: they are not the PIN.
        assertThat(AuditDetails.canonicalJson(Map.of("pinTriesLeft", 2))).isEqualTo("{\"pinTriesLeft\":2}");
    }

    @Test
    void base64Pkcs8PrivateKeyIsRefusedWhateverItsKey() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        String b64 = java.util.Base64.getEncoder().encodeToString(gen.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> AuditDetails.canonicalJson(Map.of("attachment", b64)))
                .isInstanceOf(SecretRefusedException.class)
                .hasMessageNotContaining(b64.substring(0, 20));
    }
}
