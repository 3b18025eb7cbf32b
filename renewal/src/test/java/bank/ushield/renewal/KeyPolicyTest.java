package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.token.KeyAlgorithm;

/** Which key a renewal makes per token model, and when a token must be replaced instead. */
class KeyPolicyTest {

    static final Set<KeyKind> ALL = Set.of(KeyKind.RSA_2048, KeyKind.EC_P256, KeyKind.SM2);

    @TempDir
    Path dir;

    KeyPolicy policy() throws Exception {
        Path file = Files.writeString(dir.resolve(KeyPolicy.FILE), """
                # token model prefix = rsa-2048 | sm2 | expiring
                model.GM3000=sm2
                model.ePass=expiring
                model.ePass2003\\ Pro=rsa-2048
                """);
        return KeyPolicy.load(file, KeyAlgorithm.RSA_2048);
    }

    @Test
    void theModelsRuleDecidesAndTheLongestPrefixWins() throws Exception {
        KeyPolicy p = policy();
        assertThat(p.choose("GM3000-B", KeyKind.RSA_2048, ALL)).isEqualTo(new KeyChoice(KeyKind.SM2, KeyChoice.Basis.MODEL_POLICY));
        assertThat(p.choose("ePass2003 Pro", KeyKind.EC_P256, ALL))
                .isEqualTo(new KeyChoice(KeyKind.RSA_2048, KeyChoice.Basis.MODEL_POLICY));
        assertThat(p.choose("ePass3000", KeyKind.EC_P256, ALL)).isEqualTo(new KeyChoice(KeyKind.EC_P256, KeyChoice.Basis.AS_EXPIRING));
        assertThat(p.choose("Other", KeyKind.EC_P256, ALL))
                .isEqualTo(new KeyChoice(KeyKind.RSA_2048, KeyChoice.Basis.WORKSTATION_DEFAULT));
    }

    @Test
    void legacyRsa1024IsRenewedAt2048WhereTheModelCanElseTheTokenIsReplaced() throws Exception {
        KeyPolicy p = policy();
        assertThat(p.choose("ePass3000", KeyKind.RSA_1024, ALL))
                .isEqualTo(new KeyChoice(KeyKind.RSA_2048, KeyChoice.Basis.LEGACY_UPGRADED));
        KeyChoice old = p.choose("ePass1000", KeyKind.RSA_1024, Set.of(KeyKind.EC_P256));
        assertThat(old).isEqualTo(new KeyChoice(null, KeyChoice.Basis.LEGACY_NEEDS_NEW_TOKEN));
        assertThat(old.replacementNeeded()).isTrue();
        assertThat(p.choose("GM3000", KeyKind.RSA_2048, Set.of(KeyKind.RSA_2048)))
                .isEqualTo(new KeyChoice(null, KeyChoice.Basis.MODEL_CANNOT));
    }

    @Test
    void theChoiceIsKeptAndToldInWordsWithoutCodes() throws Exception {
        KeyChoice c = policy().choose("GM3000", null, ALL);
        assertThat(KeyChoice.parse(c.stored())).contains(c);
        assertThat(KeyChoice.parse("RSA_2048")).isEmpty(); // a value written before choices were kept
        assertThat(c.words(Locale.SIMPLIFIED_CHINESE)).contains("SM2 国密").doesNotContainPattern("[A-Z]+_[A-Z_]+");
        assertThat(new KeyChoice(null, KeyChoice.Basis.LEGACY_NEEDS_NEW_TOKEN).words(Locale.ENGLISH))
                .contains("1024-bit").contains("Replace the U-shield").doesNotContainPattern("[A-Z]+_[A-Z_]+");
    }

    @Test
    void aWrongValueNamesTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve(KeyPolicy.FILE), "model.X=dsa\n");
        assertThatThrownBy(() -> KeyPolicy.load(file, KeyAlgorithm.RSA_2048))
                .hasMessageContaining("model.X").hasMessageContaining("dsa");
    }
}
