package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.SwingUtilities;

import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.pin.PinDialog;
import bank.ushield.token.pin.PinRequest;
import bank.ushield.token.pin.PinStatus;

/**
 * Production's blank initialisation asks the teller, not the customer, for the SO PIN from the blank's delivery
 * envelope (ADR 0077 addendum): the dialog says whose PIN it is and that it is not kept, gives no customer-PIN length
 * hint, and hands the typed PIN back.
 */
class SecurityOfficerPinDialogGuiTest extends GuiTest {

    @ParameterizedTest
    @EnumSource(Language.class)
    void theSoPinDialogIsForTheTellerAndSaysThePinIsNotKept(Language language) {
        Texts.setLanguage(language);
        try {
            Texts text = Texts.of(PinDialog.class, "Pin");
            AtomicReference<char[]> typed = new AtomicReference<>();
            SwingUtilities.invokeLater(() -> typed.set(PinDialog.ask(null, new PinRequest("SN0001", "U-shield",
                    PinStatus.OK, false, PinRequest.Purpose.SECURITY_OFFICER))));
            DialogFixture d = dialog("pinDialog");
            assertThat(d.target().getTitle()).isEqualTo(text.get("Pin.title.securityOfficer"))
                    .isNotEqualTo(text.get("Pin.title"));
            d.label("pinHeading").requireText(text.get("Pin.heading.securityOfficer"));
            d.label("pinToken").requireText(text.format("Pin.token.securityOfficer", "SN0001"));
            // Not the customer's PIN: no "6 to 8" length hint, the envelope's PIN as it is (issue 16).
            d.label("pinHint").requireText(text.get("Pin.hint.securityOfficer"));
            assertThat(d.label("pinHint").text()).doesNotContain("6").doesNotContain("8");
            Screenshots.take(d.target(), "so-pin-dialog-" + language.name().toLowerCase(java.util.Locale.ROOT));
            d.textBox("pinField").enterText("53719264");
            d.textBox("pinField").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            awaitOnEdt("PIN handed back", () -> typed.get() != null);
            assertThat(new String(typed.get())).isEqualTo("53719264");
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }
}
