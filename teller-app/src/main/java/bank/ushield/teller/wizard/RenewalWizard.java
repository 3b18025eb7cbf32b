package bank.ushield.teller.wizard;

import java.awt.CardLayout;
import java.awt.event.KeyEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

import net.miginfocom.swing.MigLayout;

import bank.ushield.renewal.AbortReason;
import bank.ushield.teller.authorisation.ManagerAuthorisationDialog;
import bank.ushield.teller.error.TellerAction;

/**
 * The renewal wizard, keyboard first: the steps on the left (done, current, to do), the current step's panel,
 * the failure panel when a step did not pass, and the key bar. Enter proceeds, Esc goes back, F-keys as shown.
 * Lives in the workstation frame (so the lock screen covers it and keeps it as it is).
 */
public final class RenewalWizard extends JPanel {

    private final RenewalWizardModel model;
    private final Map<WizardStep, StepPanel> steps = new EnumMap<>(WizardStep.class);
    private final Map<WizardStep, JLabel> stepLabels = new EnumMap<>(WizardStep.class);
    private final CardLayout cards = new CardLayout();
    private final JPanel stepHolder = new JPanel(cards);
    private final CaseHeader header = new CaseHeader();
    private final TroublePanel trouble;
    private final JProgressBar busy = new JProgressBar();
    private final JLabel keys = new JLabel(StepPanel.TEXT.get("Wizard.keys"));
    private final JButton back;
    private final JButton next;
    private final Runnable leave;
    private final Consumer<String> status;
    private boolean wasBusy;

    /**
     * @param leave           returns to the home screen
     * @param simulatedInsert training only: insert a token into the simulated reader; null in production
     * @param status          the shell's status line: why a key did nothing
     */
    public RenewalWizard(RenewalWizardModel model, Runnable leave, Consumer<String> simulatedInsert,
                         Consumer<String> status) {
        // The step list as wide as its longest step name (English names are longer) and never shrunk below it: when
        // the steps ask for more than the screen has, the step column gives way, not the list (it was painted over).
        super(new MigLayout("insets 12, fill", "[200:pref:300, shrink 0]16[grow,fill]", "[][grow,fill][][]"));
        this.model = model;
        this.leave = leave;
        this.status = status;
        setName("renewalWizard");

        steps.put(WizardStep.CUSTOMER, new CustomerStep(model));
        steps.put(WizardStep.ID_DOCUMENT, new IdDocumentStep(model));
        steps.put(WizardStep.BANK_CARD, new BankCardStep(model));
        steps.put(WizardStep.TOKEN, new TokenStep(model, simulatedInsert));
        steps.put(WizardStep.REPERSONALISE, new RepersonaliseStep(model));
        steps.put(WizardStep.HEAD_OFFICE, new HeadOfficeStep(model));
        steps.put(WizardStep.INSTALL, new InstallStep(model));
        steps.put(WizardStep.RECEIPT, new ReceiptStep(model, leave));

        JPanel list = new JPanel(new MigLayout("insets 8, wrap 1, gapy 10", "[grow,fill]"));
        list.setName("stepList");
        list.putClientProperty("FlatLaf.styleClass", "stepList");
        for (WizardStep s : WizardStep.values()) {
            JLabel l = new JLabel();
            l.setName("step" + s.name());
            stepLabels.put(s, l);
            list.add(l);
            stepHolder.add(steps.get(s), s.name());
        }
        add(list, "spany 3, growy, top");
        add(header, "growx, wrap");
        // The step scrolls rather than pushing the failure panel and the key bar (Next, Back) out of the frame.
        javax.swing.JScrollPane stepScroll = new javax.swing.JScrollPane(stepHolder,
                javax.swing.ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
                javax.swing.ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
        stepScroll.setBorder(null);
        stepScroll.setName("stepScroll");
        add(stepScroll, "grow, hmin 0, wrap");
        trouble = new TroublePanel(this::authorise, this::abort, simulatedInsert == null ? null : () -> {
            // The token of the case (or the customer's registered one before the token step) goes back in.
            String serial = model.renewalCase() != null && model.renewalCase().tokenSerial() != null
                    ? model.renewalCase().tokenSerial()
                    : model.customer() != null && model.customer().token() != null ? model.customer().token().serial()
                    : null;
            if (serial != null) {
                simulatedInsert.accept(serial);
            }
        });
        trouble.setVisible(false);
        add(trouble, "skip, growx, hidemode 3, wrap");

        back = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.back") + "  Esc", e -> back()));
        back.setName("wizardBack");
        // Keys, not focus: Enter and Esc act on the step wherever the focus is; a focused button would take Space.
        back.setFocusable(false);
        next = new JButton(TellerAction.of(StepPanel.TEXT.get("Wizard.next") + "  Enter", e -> proceed()));
        next.setName("wizardNext");
        next.setFocusable(false);
        busy.setName("wizardBusy");
        busy.setIndeterminate(true);
        busy.setVisible(false);
        keys.setName("wizardKeys");
        keys.putClientProperty("FlatLaf.styleClass", "fkeyHint");
        // While a step works the bar takes the legend's place: the keys do not apply then, and side by side the
        // legend was cut at 1366x768.
        add(keys, "span 2, split 4, growx, wmin 0, hidemode 3");
        add(busy, "growx, wmin 160, hidemode 3");
        add(back, "tag back");
        add(next, "tag next");

        bind(KeyEvent.VK_ENTER, "proceed", this::proceed);
        bind(KeyEvent.VK_ESCAPE, "back", this::back);
        bind(KeyEvent.VK_F5, "device", () -> {
            if (model.busy() || !current().readDevice()) {
                notApplicable("F5", model.busy() ? "busy" : "device");
            }
        });
        bind(KeyEvent.VK_F6, "later", () -> {
            if (model.viewStep() == WizardStep.HEAD_OFFICE && !model.busy()) {
                model.finishLater();
            } else {
                notApplicable("F6", model.busy() ? "busy" : "later");
            }
        });
        bind(KeyEvent.VK_F7, "save", () -> receiptKey("F7", "receiptSave"));
        bind(KeyEvent.VK_F8, "manager", () -> {
            if (model.trouble() != null && model.trouble().managerMayAuthorise() && !model.reviewing()) {
                authorise();
            } else {
                notApplicable("F8", "manager");
            }
        });
        bind(KeyEvent.VK_F9, "abort", () -> {
            if (!abort()) {
                notApplicable("F9", model.busy() ? "busy" : "abort");
            }
        });
        bind(KeyEvent.VK_F11, "print", () -> receiptKey("F11", "receiptPrint"));
        if (simulatedInsert != null) {
            bind(KeyEvent.VK_F4, "simulatedInsert", () -> {
                if (model.busy() || model.viewStep() != WizardStep.TOKEN || !current().simulatedInsert()) {
                    notApplicable("F4", "insert");
                }
            });
        }

        putClientProperty(bank.ushield.teller.widget.DialogKeys.FOCUS_WORK, (Runnable) this::focusStep);
        model.addPropertyChangeListener(e -> refresh(RenewalWizardModel.VIEW_STEP.equals(e.getPropertyName())));
        refresh(true);
    }

    public RenewalWizardModel model() {
        return model;
    }

    private void bind(int key, String name, Runnable r) {
        getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(key, 0), name);
        getActionMap().put(name, TellerAction.of(name, e -> r.run()));
    }

    private void receiptKey(String key, String button) {
        if (model.viewStep() != WizardStep.RECEIPT || model.receipt() == null || model.busy()) {
            notApplicable(key, "receipt");
            return;
        }
        for (java.awt.Component c : steps.get(WizardStep.RECEIPT).getComponents()) {
            if (c instanceof JButton b && button.equals(b.getName())) {
                b.doClick();
            }
        }
    }

    /** A key that does nothing here says why in the status line (keys pressed in silence look broken). */
    private void notApplicable(String key, String why) {
        status.accept(StepPanel.TEXT.format("Wizard.keyNotHere." + why, key));
    }

    /** The first field of the shown step that needs input gets the focus (never a toolbar button). */
    private void focusStep() {
        SwingUtilities.invokeLater(() -> {
            JComponent f = current().firstField();
            JComponent target = f != current() && f.isShowing() && f.isEnabled() && f.isFocusable() ? f : this;
            // Nothing to type (a step looked back at, the receipt): the wizard itself, where Enter and Esc work.
            setFocusable(true);
            java.awt.Window window = SwingUtilities.getWindowAncestor(this);
            if (window != null && !window.isFocused()) {
                // A modal dialog just closed and nothing gave the window its focus back (no window manager).
                target.requestFocus();
            } else {
                target.requestFocusInWindow();
            }
        });
    }

    private StepPanel current() {
        return steps.get(model.viewStep());
    }

    /** Enter: move forward when looking back, else run the step (or retry it after a failure). */
    void proceed() {
        if (model.busy()) {
            return;
        }
        if (model.reviewing()) {
            model.forward();
        } else {
            current().proceed();
        }
    }

    /** Esc: one step back; from the first step, back to the home screen (the case stays resumable). */
    void back() {
        if (model.busy()) {
            return;
        }
        if (!model.back()) {
            leave.run();
        }
    }

    private void authorise() {
        String exception = model.trouble() != null && model.trouble().exceptionCode() != null
                ? model.trouble().exceptionCode() : String.valueOf(model.renewalCase().pendingException());
        ManagerAuthorisationDialog.open(this, model.renewalCase(), exception,
                (login, pw, reason, refused, granted) -> model.authorise(login, pw, reason, refused, granted));
        focusStep();
    }

    /** F9: asks why and closes the case; false when there is no open case to close. */
    private boolean abort() {
        if (model.renewalCase() == null || !model.renewalCase().open() || model.busy()) {
            return false;
        }
        JComboBox<String> reasons = new JComboBox<>();
        for (AbortReason r : AbortReason.values()) {
            reasons.addItem(StepPanel.TEXT.get("Wizard.abortReason." + r.name()));
        }
        reasons.setName("abortReason");
        reasons.setSelectedIndex(model.suggestedAbortReason().ordinal());
        int answer = JOptionPane.showConfirmDialog(this, new Object[] {StepPanel.TEXT.get("Wizard.abort.question"),
            reasons}, StepPanel.TEXT.get("Wizard.abort.title"), JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE);
        if (answer == JOptionPane.OK_OPTION) {
            model.abort(AbortReason.values()[reasons.getSelectedIndex()]);
        }
        focusStep();
        return true;
    }

    private void refresh(boolean stepChanged) {
        WizardStep view = model.viewStep();
        for (WizardStep s : WizardStep.values()) {
            JLabel l = stepLabels.get(s);
            boolean done = model.stepDone(s);
            String mark = s == view ? "\u25b6 " : done ? "\u2713 " : "   ";
            l.setText(mark + (s.ordinal() + 1) + ". " + StepPanel.TEXT.get("Wizard.step." + s.name()));
            l.putClientProperty("FlatLaf.styleClass", s == view ? "stepCurrent" : done ? "stepDone" : "stepPending");
        }
        header.show(model);
        steps.values().forEach(StepPanel::refresh);
        // A step looked back at (Esc) shows its own state, not the failure of the step the case is at.
        trouble.show(model.reviewing() ? null : model.trouble());
        busy.setVisible(model.busy());
        keys.setVisible(!model.busy());
        next.setEnabled(!model.busy());
        back.setEnabled(!model.busy());
        next.setText((model.trouble() != null ? StepPanel.TEXT.get("Wizard.retry")
                : StepPanel.TEXT.get("Wizard.next")) + "  Enter");
        if (stepChanged) {
            cards.show(stepHolder, view.name());
            status.accept("");
        }
        boolean finished = wasBusy && !model.busy();
        wasBusy = model.busy();
        if (stepChanged || finished) {
            // After every step change and every background task the focus goes back where the teller types.
            focusStep();
        }
    }
}
