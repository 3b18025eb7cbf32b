package bank.ushield.teller.wizard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextField;

import bank.ushield.renewal.OnlineCheck;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.readers.DocumentRead;
import bank.ushield.renewal.readers.ReaderException;
import bank.ushield.teller.error.TellerAction;

/**
 * Step 2: the identity document, typed by the teller or read from the ID card reader (F5), which fills the same
 * fields and shows the photo. The rules are the renewal module's; this panel only collects the fields.
 */
final class IdDocumentStep extends StepPanel {

    static final String[] TYPES = {"RESIDENT_ID", "PASSPORT", "HK_MACAU_PERMIT", "TAIWAN_PERMIT",
        "RESIDENCE_PERMIT_HMT", "FOREIGNER_PERMANENT_ID", "HOUSEHOLD_REGISTER"};
    private final JComboBox<String> type = new JComboBox<>();
    private final JTextField number = new JTextField(22);
    private final JTextField name = new JTextField(12);
    private final JTextField birth = new JTextField(10);
    private final JTextField validFrom = new JTextField(10);
    private final JTextField validTo = new JTextField(10);
    private final JCheckBox longTerm = new JCheckBox(TEXT.get("Wizard.id.longTerm"));
    private final JLabel error = value("idError");
    private final JLabel photo = value("idPhoto");
    /** 联网核查: the photo on record beside the card's, and the teller's comparison. */
    private final JLabel photoOnRecord = value("idPhotoOnRecord");
    private final JLabel onlineNote = value("idOnlineNote");
    private final JCheckBox personMatches = new JCheckBox(TEXT.get("Wizard.id.personMatches"));
    private final JButton read = new JButton(TellerAction.of(TEXT.get("Wizard.id.read") + "  F5", e -> readDevice()));
    /** The last read, to tell the check the fields came from the reader unless the teller changed them. */
    private DocumentRead lastRead;

    IdDocumentStep(RenewalWizardModel model) {
        super(model, "stepId", "Wizard.id.title");
        for (String t : TYPES) {
            type.addItem(TEXT.get("Wizard.docType." + t));
        }
        type.setName("idType");
        number.setName("idNumber");
        name.setName("idName");
        birth.setName("idBirth");
        validFrom.setName("idValidFrom");
        validTo.setName("idValidTo");
        longTerm.setName("idLongTerm");
        read.setName("idRead");
        read.setFocusable(false);
        if (!model.readers().idReaderAvailable()) {
            read.setToolTipText(TEXT.get("Wizard.id.readerMissing"));
        }
        add(read, "skip, growx 0, left");
        add(label("Wizard.id.type", type));
        add(type, "growx 0");
        add(label("Wizard.id.number", number));
        add(number, "growx 0, w 320!");
        add(label("Wizard.id.name", name));
        add(name, "growx 0, w 200!");
        add(label("Wizard.id.birth", birth));
        add(birth, "growx 0, w 140!");
        add(label("Wizard.id.validFrom", validFrom));
        add(validFrom, "growx 0, w 140!");
        add(label("Wizard.id.validTo", validTo));
        add(validTo, "growx 0, w 140!, split 2");
        add(longTerm);
        JLabel hint = new JLabel(TEXT.get("Wizard.id.hint"));
        hint.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        add(hint, "skip");
        error.putClientProperty("FlatLaf.styleClass", "fieldError");
        add(error, "skip");
        add(photo, "skip, hidemode 3, split 2");
        add(photoOnRecord, "hidemode 3, gapleft 16");
        photo.setVisible(false);
        photoOnRecord.setVisible(false);
        photoOnRecord.setVerticalTextPosition(javax.swing.SwingConstants.BOTTOM);
        photoOnRecord.setHorizontalTextPosition(javax.swing.SwingConstants.CENTER);
        add(onlineNote, "skip, hidemode 3");
        onlineNote.setVisible(false);
        personMatches.setName("idPersonMatches");
        personMatches.setMnemonic(java.awt.event.KeyEvent.VK_M);
        add(personMatches, "skip, hidemode 3");
        personMatches.setVisible(false);
        model.addPropertyChangeListener(e -> {
            if (RenewalWizardModel.ONLINE.equals(e.getPropertyName())) {
                showOnline();
            }
        });
        longTerm.addActionListener(e -> validTo.setEnabled(!longTerm.isSelected()));
    }

    @Override
    void proceed() {
        try {
            PresentedDocument doc = new PresentedDocument(TYPES[type.getSelectedIndex()], number.getText().strip(),
                    name.getText().strip(), date(birth, true), date(validFrom, false),
                    longTerm.isSelected() ? null : date(validTo, false), true);
            if (lastRead == null || !doc.equals(lastRead.document())) {
                doc = new PresentedDocument(doc.docType(), doc.number(), doc.name(), doc.birthDate(), doc.validFrom(),
                        doc.validTo(), false);
            }
            note(error, " ", true);
            model.verifyId(doc, personMatches.isVisible() && personMatches.isSelected());
        } catch (DateTimeParseException e) {
            note(error, TEXT.get("Wizard.id.badDate"), true);
        }
    }

    @Override
    boolean readDevice() {
        if (!read.isEnabled()) {
            return false;
        }
        note(error, TEXT.get("Wizard.id.reading"), false);
        model.readIdCard(this::fill, e -> note(error, readProblem(e), true));
        return true;
    }

    /** The same fields manual entry fills; the photo as the reader gave it. */
    private void fill(DocumentRead r) {
        PresentedDocument d = r.document();
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(d.docType())) {
                type.setSelectedIndex(i);
            }
        }
        number.setText(d.number());
        name.setText(d.name());
        birth.setText(text(d.birthDate()));
        validFrom.setText(text(d.validFrom()));
        validTo.setText(text(d.validTo()));
        longTerm.setSelected(r.longTerm());
        validTo.setEnabled(!r.longTerm() && number.isEnabled());
        IdPhoto.show(photo, r.photo());
        lastRead = r;
        note(error, TEXT.get("Wizard.id.readDone"), false);
    }

    /** The online answer: with a match the photo on record and the confirmation box; else nothing to compare. */
    private void showOnline() {
        OnlineCheck check = model.online();
        boolean match = check != null && check.status() == OnlineCheck.Status.MATCH;
        IdPhoto.show(photoOnRecord, match ? check.photo().orElse(new byte[0]) : null);
        if (match) {
            photoOnRecord.setText(TEXT.get("Wizard.id.photoOnRecord"));
        }
        onlineNote.setText(check == null ? " " : TEXT.get("Wizard.id.online." + check.status().name()));
        onlineNote.setVisible(check != null);
        personMatches.setSelected(false);
        personMatches.setVisible(match);
        if (match) {
            personMatches.requestFocusInWindow();
        }
    }

    static String readProblem(Exception e) {
        if (e instanceof ReaderException r) {
            return TEXT.get("Wizard.id.readFailed." + r.failure().name());
        }
        return TEXT.get("Wizard.id.readFailed");
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static LocalDate date(JTextField f, boolean required) {
        String t = f.getText().strip();
        if (t.isEmpty() && !required) {
            return null;
        }
        return LocalDate.parse(t);
    }

    @Override
    void refresh() {
        boolean editable = !model.reviewing() && !model.busy();
        personMatches.setEnabled(editable);
        for (JComponent c : new JComponent[] {type, number, name, birth, validFrom, validTo, longTerm}) {
            c.setEnabled(editable);
        }
        validTo.setEnabled(editable && !longTerm.isSelected());
        read.setEnabled(editable && model.readers().idReaderAvailable());
    }

    @Override
    JComponent firstField() {
        // After a 联网核查 match the confirmation is what the step waits for.
        return personMatches.isVisible() && personMatches.isEnabled() && !personMatches.isSelected()
                ? personMatches : number;
    }
}
