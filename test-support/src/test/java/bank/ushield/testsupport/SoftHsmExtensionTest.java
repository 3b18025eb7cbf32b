package bank.ushield.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftHsmExtension.class)
class SoftHsmExtensionTest {

    @Test
    void tokenIsInitialisedAndVisibleToOpenSc(SoftHsmToken token) {
        String slots = SoftHsm.run(token.confFile(), "pkcs11-tool", "--module", token.modulePath().toString(),
                "--list-token-slots");
        assertThat(slots).contains(token.label()).contains(token.serial());
        assertThat(token.toString()).doesNotContain(token.userPin()).doesNotContain(token.soPin());
    }

    @Test
    void userPinLogsIn(SoftHsmToken token) {
        String objects = SoftHsm.run(token.confFile(), "pkcs11-tool", "--module", token.modulePath().toString(),
                "--token-label", token.label(), "--login", "--pin", token.userPin(), "--list-objects");
        assertThat(objects).doesNotContain("error");
    }

    @Test
    void serialIsParsedFromShowSlots() {
        String sample = "Slot 1\n    Slot info:\n        Token present:    yes\n    Token info:\n"
                + "        Label:            alpha\n        Serial number:    aaaa1111\n"
                + "Slot 2\n    Token info:\n        Label:            beta\n        Serial number:    bbbb2222\n";
        assertThat(SoftHsm.serialOf(sample, "beta")).isEqualTo("bbbb2222");
        assertThat(SoftHsm.serialOf(sample, "alpha")).isEqualTo("aaaa1111");
    }
}
