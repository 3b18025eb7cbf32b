package bank.ushield.teller.wizard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Consumer;

import java.util.Optional;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextField;

import bank.ushield.renewal.KeyChoice;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.teller.error.TellerAction;

/**
 * Step 4: the token in the desk reader: serial, model and certificate expiry as read (F5), the 10-digit media
 * voucher number the teller types from the token's label, then checked against the customer's registered token and
 * the eligibility rules (Enter). The voucher field has the focus; a wrong format is said under it at once, a number
 * that is not the registered one comes back from the check as the step's trouble (TOKEN_VOUCHER_MISMATCH), and so
 * does a customer's token whose user PIN is locked (PIN_LOCKED: what to tell the customer, close the case).
 */
final class TokenStep extends StepPanel {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private final JLabel serial = value("tokenSerial");
    private final JLabel modelName = value("tokenModel");
    private final JLabel expiry = value("tokenExpiry");
    private final JLabel pin = value("tokenPin");
    private final JLabel newKey = value("tokenNewKey");
    private final JTextField voucher = new JTextField(12);
    private final JLabel voucherError = value("tokenVoucherError");
    private final JLabel printed = value("tokenPrintedVoucher");
    private final Consumer<String> simulated;
    private final JLabel hint = new JLabel(TEXT.get("Wizard.token.hint"));
    private final JButton replace;
    private JButton insertButton;
    /** The serial whose voucher the field holds: another token in the reader clears it. */
    private String shownSerial;

    /**
     * @param simulatedInsert training only: puts the given token serial into the simulated reader; null otherwise
     */
    TokenStep(RenewalWizardModel model, Consumer<String> simulatedInsert) {
        super(model, "stepToken", "Wizard.token.title");
        this.simulated = simulatedInsert;
        hint.setName("tokenHint");
        add(hint, "span 2, left, gapbottom para");
        JButton detect = new JButton(TellerAction.of(TEXT.get("Wizard.token.detect") + "  F5", e -> readDevice()));
        detect.setName("tokenDetect");
        detect.setFocusable(false);
        add(detect, "skip, growx 0");
        if (simulatedInsert != null) {
            JButton insert = new JButton(TellerAction.of(TEXT.get("Wizard.token.simulatedInsert") + "  F4",
                    e -> simulatedInsert()));
            insert.setFocusable(false);
            insert.setName("tokenSimulatedInsert");
            insertButton = insert;
            insert.putClientProperty("FlatLaf.styleClass", "trainingBanner");
            add(insert, "skip, growx 0");
        }
        // Where a renewal cannot go on (faulty, end of life, lost...), a blank from the teller's box replaces the token.
        replace = new JButton(TellerAction.of(TEXT.get("Wizard.token.replace"), e -> askReplacement()));
        replace.setName("tokenReplace");
        replace.setMnemonic(java.awt.event.KeyEvent.VK_R);
        replace.setFocusable(false);
        add(replace, "skip, growx 0");
        add(label("Wizard.token.serial", serial), "gaptop para");
        add(serial, "gaptop para");
        add(label("Wizard.token.model", modelName));
        add(modelName);
        add(label("Wizard.token.expiry", expiry));
        add(expiry);
        add(label("Wizard.token.pin", pin));
        add(pin);
        add(label("Wizard.token.newKey", newKey));
        add(newKey, "wmax 520");
        voucher.setName("tokenVoucher");
        add(label("Wizard.token.voucher", voucher), "gaptop para");
        add(voucher, "gaptop para, growx 0, w 180!");
        JLabel voucherHint = new JLabel(TEXT.get("Wizard.token.voucherHint"));
        voucherHint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(voucherHint, "skip");
        voucherError.putClientProperty("FlatLaf.styleClass", "fieldError");
        add(voucherError, "skip");
        if (simulatedInsert != null) {
            printed.putClientProperty("FlatLaf.styleClass", "trainingBanner");
            add(printed, "skip, growx 0, hidemode 3");
        }
        printed.setVisible(false);
    }

    /** Alt+R: asks why the token is replaced (in words) and switches the step to a blank from the teller's box. */
    private void askReplacement() {
        if (model.busy() || model.replacing() != null || model.renewalCase() == null || !model.renewalCase().open()) {
            return;
        }
        javax.swing.JComboBox<String> reasons = new javax.swing.JComboBox<>();
        for (bank.ushield.renewal.ReplacementReason r : bank.ushield.renewal.ReplacementReason.values()) {
            reasons.addItem(TEXT.get("Wizard.replaceReason." + r.name()));
        }
        reasons.setName("replaceReason");
        int answer = javax.swing.JOptionPane.showConfirmDialog(this, new Object[] {
            TEXT.get("Wizard.replace.question"), reasons}, TEXT.get("Wizard.replace.title"),
                javax.swing.JOptionPane.OK_CANCEL_OPTION, javax.swing.JOptionPane.QUESTION_MESSAGE);
        if (answer == javax.swing.JOptionPane.OK_OPTION) {
            model.chooseReplacement(bank.ushield.renewal.ReplacementReason.values()[reasons.getSelectedIndex()]);
        }
    }

    /** The voucher as typed, spaces removed, when it is 10 ASCII digits; empty otherwise. */
    static Optional<String> voucherDigits(String typed) {
        String v = typed == null ? "" : typed.replace(" ", "").replace("\u3000", "");
        return v.length() == 10 && v.chars().allMatch(c -> c >= '0' && c <= '9') ? Optional.of(v) : Optional.empty();
    }

    @Override
    boolean readDevice() {
        model.detectToken();
        return true;
    }

    @Override
    boolean simulatedInsert() {
        if (simulated == null || model.customer() == null || model.customer().token() == null) {
            return false;
        }
        // a replacement takes a free blank from the teller's box (null), a renewal the customer's token
        simulated.accept(model.replacing() != null ? null : model.customer().token().serial());
        readDevice();
        return true;
    }

    @Override
    void proceed() {
        if (model.token() == null) {
            model.detectToken();
            return;
        }
        Optional<String> digits = voucherDigits(voucher.getText());
        if (digits.isEmpty()) {
            note(voucherError, TEXT.get("Wizard.token.voucherFormat"), true);
            voucher.requestFocusInWindow();
            voucher.selectAll();
            return;
        }
        note(voucherError, " ", true);
        model.verifyToken(digits.get());
    }

    @Override
    JComponent firstField() {
        return voucher;
    }

    @Override
    void refresh() {
        // Not disabled while the token is read or checked: a disabled field drops the focus, and the teller types
        // the voucher while the reader works (keyboard first).
        voucher.setEnabled(!model.reviewing());
        boolean replacing = model.replacing() != null;
        if (insertButton != null) {
            insertButton.setText(TEXT.get(replacing ? "Wizard.token.simulatedInsertBlank" : "Wizard.token.simulatedInsert")
                    + "  F4");
        }
        hint.setText(replacing ? TEXT.format("Wizard.token.replacingHint",
                TEXT.get("Wizard.replaceReason." + model.replacing().name())) : TEXT.get("Wizard.token.hint"));
        replace.setVisible(!replacing && model.renewalCase() != null && model.renewalCase().open()
                && !model.reviewing());
        String label = model.printedVoucher();
        printed.setVisible(label != null && model.token() != null);
        printed.setText(label == null ? " " : TEXT.format("Wizard.token.printedVoucher", label));
        PresentedToken t = model.token();
        if (t == null) {
            pin.putClientProperty("FlatLaf.styleClass", null);
            serial.setText(TEXT.get("Wizard.token.none"));
            modelName.setText(" ");
            expiry.setText(" ");
            pin.setText(" ");
            newKey.setText(" ");
            return;
        }
        if (!t.serial().equals(shownSerial)) {
            // Another token: the voucher typed for the one before does not belong to it.
            if (shownSerial != null) {
                voucher.setText("");
                note(voucherError, " ", true);
            }
            shownSerial = t.serial();
        }
        serial.setText(t.serial());
        modelName.setText(TEXT.format("Wizard.token.modelValue", t.model(), t.manufacturer()));
        Instant notAfter = t.certificates().stream().map(PresentedToken.TokenCertificate::notAfter)
                .max(Comparator.naturalOrder()).orElse(null);
        expiry.setText(expiryText(notAfter, Instant.now(), model.branchZone()));
        pin.setText(TEXT.get(t.pinLocked() ? "Wizard.token.pinLocked"
                : t.pinCountLow() ? "Wizard.token.pinLow" : "Wizard.token.pinOk"));
        // Which key the renewal makes and why, in words; a token that must be replaced is shown as the problem it is.
        KeyChoice choice = model.keyChoice();
        newKey.setText(choice == null ? " " : "<html>" + escape(choice.words(TEXT.language())) + "</html>");
        newKey.putClientProperty("FlatLaf.styleClass", choice != null && choice.replacementNeeded() ? "fieldError" : null);
        // A locked PIN stops the renewal (the token check refuses it with PIN_LOCKED): shown as the problem it is.
        pin.putClientProperty("FlatLaf.styleClass", t.pinLocked() ? "fieldError" : null);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    /** Expiry as the teller says it: the date (the branch's day) and how long ago (or until). */
    static String expiryText(Instant notAfter, Instant now, ZoneId branchZone) {
        if (notAfter == null) {
            return TEXT.get("Wizard.token.noCertificate");
        }
        // Calendar days in the branch's zone, as the eligibility rules count them (45 days ago shows 45).
        long days = java.time.temporal.ChronoUnit.DAYS.between(notAfter.atZone(branchZone).toLocalDate(),
                now.atZone(branchZone).toLocalDate());
        return days >= 0 ? TEXT.format("Wizard.token.expiredDays", DAY.withZone(branchZone).format(notAfter), days)
                : TEXT.format("Wizard.token.validDays", DAY.withZone(branchZone).format(notAfter), -days);
    }
}
