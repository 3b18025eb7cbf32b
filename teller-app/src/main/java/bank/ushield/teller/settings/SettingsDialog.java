package bank.ushield.teller.settings;

import java.awt.Window;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTabbedPane;
import javax.swing.SpinnerNumberModel;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.readers.TokenListing;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.theme.Themes;
import bank.ushield.teller.theme.Theme;

/**
 * Settings in tabs (token reader; workstation and head office; display) with Save and Cancel always visible. A
 * manager or IT changes all of them; a teller the display only. Every change is audited before it is saved.
 */
public final class SettingsDialog extends JDialog {

    private static final Texts TEXT = Texts.of(SettingsDialog.class, "Settings");

    private final WorkstationContext workstation;
    private final SettingsModel model;
    private final JLabel errorModule = error("settingsModuleError");
    private final JLabel errorWorkstation = error("settingsWorkstationError");
    private final JLabel errorSync = error("settingsSyncError");
    private final JLabel errorHoCert = error("settingsHoCertError");
    private final JLabel errorCa = error("settingsCaError");
    private final JButton detect;
    private final JProgressBar detectProgress = new JProgressBar();
    private final JLabel detectStatus = new JLabel(" ");
    private final SlotTableModel slots = new SlotTableModel();
    private final StaffSession session;
    private JButton save;

    private SettingsDialog(Window owner, WorkstationContext workstation, StaffSession session) {
        super(owner, TEXT.get("Settings.title"), ModalityType.APPLICATION_MODAL);
        this.workstation = workstation;
        this.session = java.util.Objects.requireNonNull(session, "session");
        this.model = new SettingsModel(workstation.settings());
        Settings s = workstation.settings();
        // The token reader, the workstation's identity and the head-office exchange are a manager's or IT's
        // (issue 15/22): a teller sees them, read-only, and changes only the display.
        boolean administers = session.role().administers();
        setName("settingsDialog");
        JTabbedPane tabs = new JTabbedPane();
        tabs.setName("settingsTabs");

        JPanel token = new JPanel(new MigLayout("insets dialog, wrap 3, hidemode 2", "[right][grow,fill][]"));
        JTextField module = field("settingsModule", s.pkcs11Module(), model::setPkcs11Module, administers);
        token.add(label("Settings.pkcs11Module", module));
        token.add(module);
        token.add(browse(module, false, administers));
        token.add(errorModule, "skip, span 2");
        JComboBox<String> tokenLabel = new JComboBox<>(new String[] {s.tokenLabel()});
        tokenLabel.setName("settingsToken");
        tokenLabel.setEditable(administers);
        tokenLabel.setEnabled(administers);
        tokenLabel.addActionListener(e -> model.setTokenLabel((String) tokenLabel.getSelectedItem()));
        token.add(label("Settings.tokenLabel", tokenLabel));
        token.add(tokenLabel);
        detect = new JButton(TellerAction.of(TEXT.get("Settings.detect"), e -> detect(module.getText(), tokenLabel)));
        detect.setName("settingsDetect");
        detect.setEnabled(workstation.tokenDirectory().isPresent());
        detect.setVisible(administers);
        token.add(detect);
        detectProgress.setName("settingsDetectProgress");
        detectProgress.setIndeterminate(true);
        detectProgress.setVisible(false);
        detectStatus.setName("settingsDetectStatus");
        JPanel detectRow = new JPanel(new MigLayout("insets 0", "[][grow,fill]"));
        detectRow.add(detectProgress, "hidemode 3, w 80!");
        detectRow.add(detectStatus);
        token.add(detectRow, "skip, span 2, growx");
        JTable slotTable = new JTable(slots);
        slotTable.setName("settingsSlots");
        bank.ushield.teller.widget.DialogKeys.tabLeaves(slotTable);
        // "Manufacturer" was cut in English; the table is wide enough for every header whole.
        bank.ushield.teller.widget.DialogKeys.headersWhole(slotTable);
        slotTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        slotTable.setPreferredScrollableViewportSize(new java.awt.Dimension(560, slotTable.getRowHeight() * 4));
        slotTable.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                slots.token(slotTable.getSelectedRow()).ifPresent(t -> tokenLabel.setSelectedItem(t.label()));
            }
        });
        JScrollPane slotScroll = new JScrollPane(slotTable);
        slotScroll.setVisible(administers);
        token.add(slotScroll, "skip, span 2, growx");
        JLabel modeNote = new JLabel(TEXT.get("Settings.modeNote"));
        modeNote.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        token.add(modeNote, "skip, span 2");
        tabs.addTab(TEXT.get("Settings.section.token"), token);

        JPanel headOffice = new JPanel(new MigLayout("insets dialog, wrap 3, hidemode 2", "[right][grow,fill][]"));
        // The id the receipts print and the audit log records: in training the training workstation's, fixed.
        boolean idEditable = administers && !workstation.training();
        JTextField ws = field("settingsWorkstation", workstation.training() ? workstation.workstationId()
                : s.workstationId(), idEditable ? model::setWorkstationId : v -> { }, idEditable);
        headOffice.add(label("Settings.workstationId", ws));
        headOffice.add(ws, "span 2");
        headOffice.add(errorWorkstation, "skip, span 2");
        JTextField sync = field("settingsSync", s.syncFolder(), model::setSyncFolder, administers);
        headOffice.add(label("Settings.syncFolder", sync));
        headOffice.add(sync);
        headOffice.add(browse(sync, true, administers));
        headOffice.add(errorSync, "skip, span 2");
        JTextField hoCert = field("settingsHoCert", s.headOfficeCert(), model::setHeadOfficeCert, administers);
        headOffice.add(label("Settings.headOfficeCert", hoCert));
        headOffice.add(hoCert);
        headOffice.add(browse(hoCert, false, administers));
        headOffice.add(errorHoCert, "skip, span 2");
        JTextField ca = field("settingsCa", s.caCertificates(), model::setCaCertificates, administers);
        headOffice.add(label("Settings.caCertificates", ca));
        headOffice.add(ca);
        headOffice.add(browse(ca, false, administers));
        headOffice.add(errorCa, "skip, span 2");
        JSpinner syncMinutes = new JSpinner(new SpinnerNumberModel(Math.min(s.syncMinutes(), 1440), 0, 1440, 5));
        syncMinutes.setName("settingsSyncMinutes");
        syncMinutes.setEnabled(administers);
        syncMinutes.addChangeListener(e -> model.setSyncMinutes((Integer) syncMinutes.getValue()));
        headOffice.add(label("Settings.syncMinutes", syncMinutes));
        headOffice.add(syncMinutes, "split 2, w 90!");
        headOffice.add(new JLabel(TEXT.get("Settings.syncMinutes.note")), "span 2");
        tabs.addTab(TEXT.get("Settings.section.workstation"), headOffice);

        JPanel display = new JPanel(new MigLayout("insets dialog, wrap 2", "[right][grow,fill]"));
        JComboBox<String> language = new JComboBox<>(new String[] {
            TEXT.get("Settings.language.chinese"), TEXT.get("Settings.language.english")});
        language.setName("settingsLanguage");
        language.setSelectedIndex(s.language() == Language.ENGLISH ? 1 : 0);
        // The open windows keep their texts: a new language shows from the next start, said in both languages.
        // (The line keeps its place when empty, so the dialog does not jump.)
        JLabel languageNote = new JLabel(" ");
        languageNote.setName("settingsLanguageNote");
        languageNote.putClientProperty("FlatLaf.styleClass", "outcomeWarn");
        language.addActionListener(e -> {
            Language chosen = language.getSelectedIndex() == 1 ? Language.ENGLISH : Language.CHINESE;
            model.setLanguage(chosen);
            languageNote.setText(chosen.locale().equals(Texts.locale()) ? " " : TEXT.get("Settings.languageNote"));
        });
        display.add(label("Settings.language", language));
        display.add(language);
        display.add(languageNote, "skip");
        JComboBox<String> theme = new JComboBox<>(new String[] {
            TEXT.get("Settings.theme.light"), TEXT.get("Settings.theme.dark")});
        theme.setName("settingsTheme");
        theme.setSelectedIndex(s.theme() == Theme.DARK ? 1 : 0);
        theme.addActionListener(e -> model.setTheme(theme.getSelectedIndex() == 1 ? Theme.DARK : Theme.LIGHT));
        display.add(label("Settings.theme", theme));
        display.add(theme);
        tabs.addTab(TEXT.get("Settings.section.display"), display);
        // A teller opens Settings for the display: that tab first.
        tabs.setSelectedIndex(administers ? 0 : 2);

        // Save and Cancel below the tabs: always on screen, whatever tab is open (fits 1366x768, issue 15).
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 1, fill", "[grow,fill]", "[grow,fill][][]"));
        content.add(tabs, "grow");
        JLabel note = new JLabel(TEXT.get(administers ? "Settings.restartNote" : "Settings.tellerNote"));
        note.setName("settingsRoleNote");
        note.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        content.add(note);
        JButton save = new JButton(TellerAction.of(TEXT.get("Settings.save"), e -> save()));
        save.setName("settingsSave");
        JButton cancel = new JButton(TellerAction.of(TEXT.get("Settings.cancel"), e -> dispose()));
        cancel.setName("settingsCancel");
        content.add(save, "split 2, tag ok");
        content.add(cancel, "tag cancel");
        getRootPane().setDefaultButton(save);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "cancel");
        getRootPane().getActionMap().put("cancel", cancel.getAction());
        this.save = save;
        model.addPropertyChangeListener(e -> {
            save.setEnabled(model.valid());
            showErrors(model.errors());
        });
        save.setEnabled(model.valid());
        showErrors(model.errors());
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Opens the dialog over {@code owner} for the signed-in {@code session}; on the EDT. */
    public static void open(Window owner, WorkstationContext workstation, StaffSession session) {
        new SettingsDialog(owner, workstation, session).setVisible(true);
    }

    /**
     * Records the change in the audit log (who, each setting old -> new), then saves, off the EDT; a change the
     * audit log did not take is not saved.
     */
    private void save() {
        Settings before = workstation.settings();
        Settings after = model.toSettings();
        java.util.SortedMap<String, java.util.List<String>> changes = after.changesFrom(before);
        if (changes.isEmpty()) {
            dispose();
            return;
        }
        save.setEnabled(false);
        workstation.executor().execute(BackgroundTask.call(() -> {
            workstation.staffAccess().settingsChanged(session, changes);
            workstation.settingsStore().save(after);
            return after;
        }).onSuccess(saved -> {
            workstation.settings(saved);
            if (saved.theme() != before.theme()) {
                Themes.switchTo(saved.theme());
            }
            dispose();
            if (needsRestart(before, saved)) {
                JOptionPane pane = new JOptionPane(TEXT.get("Settings.restartNeeded.text"),
                        JOptionPane.INFORMATION_MESSAGE);
                JDialog notice = pane.createDialog(getOwner(), TEXT.get("Settings.restartNeeded.title"));
                notice.setName("settingsRestartNotice");
                notice.setVisible(true);
                notice.dispose();
            }
        }).onFailure(e -> {
            save.setEnabled(model.valid());
            ErrorDialog.show(this, e);
        }));
    }

    /** What only a new start applies: the language (texts are read as windows are built) and the mode's parts. */
    static boolean needsRestart(Settings before, Settings after) {
        return before.language() != after.language() || !before.pkcs11Module().equals(after.pkcs11Module())
                || !before.tokenLabel().equals(after.tokenLabel()) || !before.workstationId().equals(after.workstationId())
                || !before.syncFolder().equals(after.syncFolder()) || !before.headOfficeCert().equals(after.headOfficeCert())
                || !before.caCertificates().equals(after.caCertificates()) || before.syncMinutes() != after.syncMinutes();
    }

    /** Lists the module's slots and tokens off the EDT; the chosen row's label becomes the token to use. */
    private void detect(String module, JComboBox<String> token) {
        String path = module.strip();
        if (path.isEmpty()) {
            detectStatus.setText(TEXT.get("Settings.detect.noModule"));
            return;
        }
        TokenDirectory tokens = workstation.tokenDirectory().orElseThrow();
        detect.setEnabled(false);
        detectProgress.setVisible(true);
        detectStatus.setText(TEXT.get("Settings.detect.busy"));
        slots.show(List.of());
        workstation.executor().execute(BackgroundTask.call(() -> tokens.list(Path.of(path)))
                .onSuccess((TokenListing listing) -> {
                    slots.show(listing.slots());
                    Object current = token.getSelectedItem();
                    token.removeAllItems();
                    listing.tokens().forEach(t -> token.addItem(t.label()));
                    boolean keep = current != null && !current.toString().isBlank();
                    token.setSelectedItem(keep ? current : listing.tokens().isEmpty() ? "" : listing.tokens().get(0).label());
                    detectStatus.setText(TEXT.format("Settings.detect.found", listing.manufacturer(),
                            listing.slots().size(), listing.tokens().size()));
                })
                .onFailure(e -> {
                    detectStatus.setText(TEXT.get("Settings.detect.failed"));
                    ErrorDialog.show(this, e);
                })
                .onFinished(() -> {
                    detect.setEnabled(true);
                    detectProgress.setVisible(false);
                    pack();
                }));
    }

    private void browse(JTextField target, boolean folders) {
        JFileChooser chooser = new JFileChooser(target.getText().isEmpty() ? null : new File(target.getText()));
        chooser.setFileSelectionMode(folders ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            target.setText(chooser.getSelectedFile().getAbsolutePath());
        }
    }

    private void showErrors(Map<String, String> errors) {
        show(errorModule, errors.get("pkcs11Module"));
        show(errorWorkstation, errors.get("workstationId"));
        show(errorSync, errors.get("syncFolder"));
        show(errorHoCert, errors.get("headOfficeCert"));
        show(errorCa, errors.get("caCertificates"));
    }

    private static void show(JLabel label, String key) {
        label.setText(key == null ? " " : TEXT.get(key));
    }

    private static JLabel error(String name) {
        JLabel l = new JLabel(" ");
        l.setName(name);
        l.putClientProperty("FlatLaf.styleClass", "fieldError");
        return l;
    }

    private static JLabel section(String text) {
        JLabel l = new JLabel(text);
        l.putClientProperty("FlatLaf.styleClass", "h4");
        return l;
    }

    private static JLabel label(String key, JComponent field) {
        JLabel l = new JLabel(TEXT.get(key));
        l.setLabelFor(field);
        return l;
    }

    private JButton browse(JTextField target, boolean folders, boolean shown) {
        JButton b = new JButton(TellerAction.of(TEXT.get("Settings.browse"), e -> browse(target, folders)));
        b.setVisible(shown);
        return b;
    }

    private static JTextField field(String name, String value, Consumer<String> onChange, boolean editable) {
        JTextField f = new JTextField(value, 30);
        f.setName(name);
        f.setEditable(editable);
        if (!editable) {
            // A value to read, not a field to type in: no focus (no caret, not the dialog's first focus) and no
            // field frame, so a teller does not take it for one he may change.
            f.setFocusable(false);
            f.putClientProperty("FlatLaf.style", "borderWidth: 0; focusWidth: 0; innerFocusWidth: 0");
            f.setBorder(javax.swing.BorderFactory.createEmptyBorder(2, 0, 2, 0));
            f.setOpaque(false);
        }
        f.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                onChange.accept(f.getText());
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                onChange.accept(f.getText());
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                onChange.accept(f.getText());
            }
        });
        return f;
    }
}
