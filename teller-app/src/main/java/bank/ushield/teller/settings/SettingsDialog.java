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
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.readers.TokenListing;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.theme.Themes;
import bank.ushield.teller.theme.Theme;

/** Settings: PKCS#11 module and token, workstation id, head-office folders, language, light/dark. */
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

    private SettingsDialog(Window owner, WorkstationContext workstation) {
        super(owner, TEXT.get("Settings.title"), ModalityType.APPLICATION_MODAL);
        this.workstation = workstation;
        this.model = new SettingsModel(workstation.settings());
        Settings s = workstation.settings();
        setName("settingsDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 3, width 640", "[right][grow,fill][]"));

        content.add(section(TEXT.get("Settings.section.token")), "span 3, growx");
        JTextField module = field("settingsModule", s.pkcs11Module(), model::setPkcs11Module);
        content.add(label("Settings.pkcs11Module", module));
        content.add(module);
        content.add(new JButton(TellerAction.of(TEXT.get("Settings.browse"), e -> browse(module, false))));
        content.add(errorModule, "skip, span 2");
        JComboBox<String> token = new JComboBox<>(new String[] {s.tokenLabel()});
        token.setName("settingsToken");
        token.setEditable(true);
        token.addActionListener(e -> model.setTokenLabel((String) token.getSelectedItem()));
        content.add(label("Settings.tokenLabel", token));
        content.add(token);
        detect = new JButton(TellerAction.of(TEXT.get("Settings.detect"), e -> detect(module.getText(), token)));
        detect.setName("settingsDetect");
        detect.setEnabled(workstation.tokenDirectory().isPresent());
        content.add(detect);
        detectProgress.setName("settingsDetectProgress");
        detectProgress.setIndeterminate(true);
        detectProgress.setVisible(false);
        detectStatus.setName("settingsDetectStatus");
        JPanel detectRow = new JPanel(new MigLayout("insets 0", "[][grow,fill]"));
        detectRow.add(detectProgress, "hidemode 3, w 80!");
        detectRow.add(detectStatus);
        content.add(detectRow, "skip, span 2, growx");
        JTable slotTable = new JTable(slots);
        slotTable.setName("settingsSlots");
        slotTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        slotTable.setPreferredScrollableViewportSize(new java.awt.Dimension(560, slotTable.getRowHeight() * 4));
        slotTable.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                slots.token(slotTable.getSelectedRow()).ifPresent(t -> token.setSelectedItem(t.label()));
            }
        });
        content.add(new JScrollPane(slotTable), "skip, span 2, growx");
        JLabel modeNote = new JLabel(TEXT.get("Settings.modeNote"));
        modeNote.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        content.add(modeNote, "skip, span 2, gapbottom para");

        content.add(section(TEXT.get("Settings.section.workstation")), "span 3, growx");
        JTextField ws = field("settingsWorkstation", s.workstationId(), model::setWorkstationId);
        content.add(label("Settings.workstationId", ws));
        content.add(ws, "span 2");
        content.add(errorWorkstation, "skip, span 2");
        JTextField sync = field("settingsSync", s.syncFolder(), model::setSyncFolder);
        content.add(label("Settings.syncFolder", sync));
        content.add(sync);
        content.add(new JButton(TellerAction.of(TEXT.get("Settings.browse"), e -> browse(sync, true))));
        content.add(errorSync, "skip, span 2");
        JTextField hoCert = field("settingsHoCert", s.headOfficeCert(), model::setHeadOfficeCert);
        content.add(label("Settings.headOfficeCert", hoCert));
        content.add(hoCert);
        content.add(new JButton(TellerAction.of(TEXT.get("Settings.browse"), e -> browse(hoCert, false))));
        content.add(errorHoCert, "skip, span 2");
        JTextField ca = field("settingsCa", s.caCertificates(), model::setCaCertificates);
        content.add(label("Settings.caCertificates", ca));
        content.add(ca);
        content.add(new JButton(TellerAction.of(TEXT.get("Settings.browse"), e -> browse(ca, false))));
        content.add(errorCa, "skip, span 2, gapbottom para");

        content.add(section(TEXT.get("Settings.section.display")), "span 3, growx");
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
        content.add(label("Settings.language", language));
        content.add(language, "span 2");
        content.add(languageNote, "skip, span 2");
        JComboBox<String> theme = new JComboBox<>(new String[] {
            TEXT.get("Settings.theme.light"), TEXT.get("Settings.theme.dark")});
        theme.setName("settingsTheme");
        theme.setSelectedIndex(s.theme() == Theme.DARK ? 1 : 0);
        theme.addActionListener(e -> model.setTheme(theme.getSelectedIndex() == 1 ? Theme.DARK : Theme.LIGHT));
        content.add(label("Settings.theme", theme));
        content.add(theme, "span 2");
        JLabel restart = new JLabel(TEXT.get("Settings.restartNote"));
        restart.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        content.add(restart, "skip, span 2, gapbottom para");

        JButton save = new JButton(TellerAction.of(TEXT.get("Settings.save"), e -> save()));
        save.setName("settingsSave");
        JButton cancel = new JButton(TellerAction.of(TEXT.get("Settings.cancel"), e -> dispose()));
        cancel.setName("settingsCancel");
        content.add(save, "span 3, split 2, tag ok");
        content.add(cancel, "tag cancel");
        getRootPane().setDefaultButton(save);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "cancel");
        getRootPane().getActionMap().put("cancel", cancel.getAction());
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

    /** Opens the dialog over {@code owner}; on the EDT. */
    public static void open(Window owner, WorkstationContext workstation) {
        new SettingsDialog(owner, workstation).setVisible(true);
    }

    private void save() throws Exception {
        Settings before = workstation.settings();
        Settings after = model.toSettings();
        workstation.settingsStore().save(after);
        workstation.settings(after);
        if (after.theme() != before.theme()) {
            Themes.switchTo(after.theme());
        }
        dispose();
        if (needsRestart(before, after)) {
            JOptionPane pane = new JOptionPane(TEXT.get("Settings.restartNeeded.text"), JOptionPane.INFORMATION_MESSAGE);
            JDialog notice = pane.createDialog(getOwner(), TEXT.get("Settings.restartNeeded.title"));
            notice.setName("settingsRestartNotice");
            notice.setVisible(true);
            notice.dispose();
        }
    }

    /** Lists the module's slots and tokens off the EDT; the chosen row's label becomes the token to use. */
    /** What only a new start applies: the language (texts are read as windows are built) and the mode's parts. */
    static boolean needsRestart(Settings before, Settings after) {
        return before.language() != after.language() || !before.pkcs11Module().equals(after.pkcs11Module())
                || !before.tokenLabel().equals(after.tokenLabel()) || !before.workstationId().equals(after.workstationId())
                || !before.syncFolder().equals(after.syncFolder()) || !before.headOfficeCert().equals(after.headOfficeCert())
                || !before.caCertificates().equals(after.caCertificates());
    }

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

    private static JTextField field(String name, String value, Consumer<String> onChange) {
        JTextField f = new JTextField(value, 30);
        f.setName(name);
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
