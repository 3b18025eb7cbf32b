package bank.ushield.teller.pin;

import java.awt.Window;
import java.util.Arrays;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.widget.DialogKeys;
import bank.ushield.token.pin.PinRequest;
import bank.ushield.token.pin.PinStatus;

/**
 * The dialog the customer types the token PIN into: large, masked, says which token and warns when few tries
 * are left. The PIN goes out as a char[] that the caller wipes; the field is cleared when the dialog closes.
 */
public final class PinDialog extends JDialog {

    private static final Texts TEXT = Texts.of(PinDialog.class, "Pin");

    private final JPasswordField pin = new JPasswordField(12);
    private char[] result;

    private PinDialog(Window owner, PinRequest request) {
        super(owner, TEXT.get(request.purpose() == PinRequest.Purpose.SECURITY_OFFICER ? "Pin.title.securityOfficer"
                : "Pin.title"), ModalityType.APPLICATION_MODAL);
        setName("pinDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 1, width 460", "[grow,fill]"));
        // A login, or the customer choosing the PIN of a new token and typing it again (ADR 0077).
        String purpose = switch (request.purpose()) {
            case LOGIN -> "";
            case CHOOSE_NEW -> ".chooseNew";
            case CONFIRM_NEW -> ".confirmNew";
            case SECURITY_OFFICER -> ".securityOfficer";
        };
        JLabel heading = new JLabel(TEXT.get("Pin.heading" + purpose));
        heading.setName("pinHeading");
        heading.putClientProperty("FlatLaf.styleClass", "h2");
        content.add(heading);
        // the delivery SO PIN is the teller's to type, from the blank's envelope (ADR 0077)
        JLabel token = new JLabel(TEXT.format(request.purpose() == PinRequest.Purpose.SECURITY_OFFICER
                ? "Pin.token.securityOfficer" : "Pin.token", request.tokenSerial()));
        token.setName("pinToken");
        content.add(token, "gapbottom para");
        if (request.previousAttemptFailed()) {
            JLabel wrong = new JLabel(TEXT.get(purpose.isEmpty() ? "Pin.wrong" : "Pin.newAgain"));
            wrong.setName("pinWrong");
            wrong.putClientProperty("FlatLaf.styleClass", "outcomeFail");
            content.add(wrong);
        }
        String warning = warning(request.pinStatus());
        if (warning != null) {
            JLabel warn = new JLabel(warning);
            warn.setName("pinWarning");
            warn.putClientProperty("FlatLaf.styleClass", "outcomeWarn");
            content.add(warn);
        }
        pin.setName("pinField");
        pin.putClientProperty("FlatLaf.style", "font: +10");
        pin.putClientProperty("JPasswordField.showRevealButton", false);
        content.add(pin, "h 44!");
        // The customer's PIN is 6 to 8 digits; the SO PIN is whatever the envelope says (no length to hint).
        JLabel hint = new JLabel(TEXT.get(request.purpose() == PinRequest.Purpose.SECURITY_OFFICER
                ? "Pin.hint.securityOfficer" : "Pin.hint"));
        hint.setName("pinHint");
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        content.add(hint, "gapbottom para");
        JButton ok = new JButton(TEXT.get("Pin.ok"));
        ok.setName("pinOk");
        JButton cancel = new JButton(TEXT.get("Pin.cancel"));
        cancel.setName("pinCancel");
        content.add(ok, "split 2, tag ok, growx 0");
        content.add(cancel, "tag cancel, growx 0");
        ok.addActionListener(e -> {
            result = pin.getPassword();
            pin.setText("");
            dispose();
        });
        cancel.addActionListener(e -> cancel());
        getRootPane().setDefaultButton(ok);
        DialogKeys.onEscape(this, this::cancel);
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    private void cancel() {
        pin.setText("");
        result = null;
        dispose();
    }

    static String warning(PinStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status.state()) {
            case FINAL_TRY -> TEXT.get("Pin.finalTry");
            case COUNT_LOW -> status.triesLeft().isPresent()
                    ? TEXT.format("Pin.triesLeft", status.triesLeft().getAsInt()) : TEXT.get("Pin.countLow");
            default -> null;
        };
    }

    /** Shows the dialog (on the EDT) and returns the PIN, or null when the customer cancelled. */
    public static char[] ask(Window owner, PinRequest request) {
        PinDialog d = new PinDialog(owner, request);
        d.setVisible(true);
        char[] pin = d.result;
        d.result = null;
        return pin;
    }

    /** Wipes a PIN array; null-safe. */
    public static void wipe(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }
}
