package bank.ushield.teller.wizard;

import javax.swing.JLabel;

/** Step 7: install the new certificate on the token, prove the token works (self-test), complete the case. */
final class InstallStep extends StepPanel {

    private final ActivityList activities = new ActivityList("installActivities");
    private final javax.swing.JButton notAnswering;

    InstallStep(RenewalWizardModel model) {
        super(model, "stepInstall", "Wizard.install.title");
        add(new JLabel(TEXT.get("Wizard.install.hint")), "span 2, left, gapbottom para");
        add(activities, "span 2, growx");
        // A replacement: the old token is wiped in the reader, or recorded as not answering at all (ADR 0077).
        notAnswering = new javax.swing.JButton(bank.ushield.teller.error.TellerAction.of(
                TEXT.get("Wizard.install.oldNotAnswering"), e -> {
                    if (!model.busy()) {
                        model.oldTokenDoesNotAnswer();
                    }
                }));
        notAnswering.setName("oldTokenNotAnswering");
        notAnswering.setMnemonic(java.awt.event.KeyEvent.VK_N);
        notAnswering.setFocusable(false);
        add(notAnswering, "span 2, left, growx 0, gaptop para, hidemode 3");
        notAnswering.setVisible(false);
    }

    @Override
    void proceed() {
        model.installAndTest();
    }

    @Override
    void refresh() {
        boolean replacing = model.replacing() != null;
        notAnswering.setVisible(replacing && model.trouble() != null
                && model.trouble().renewalCode() == bank.ushield.renewal.ProblemCode.OLD_TOKEN_ABSENT);
        java.util.List<Activity> plan = new java.util.ArrayList<>(java.util.List.of(
                new Activity("Wizard.activity.install", Activity.Status.PENDING),
                new Activity("Wizard.activity.selfTest", Activity.Status.PENDING)));
        if (replacing) {
            plan.add(new Activity("Wizard.activity.retire", Activity.Status.PENDING));
        }
        plan.add(new Activity("Wizard.activity.complete", Activity.Status.PENDING));
        if (model.activities().isEmpty() || model.viewStep() != WizardStep.INSTALL
                || model.activities().size() != plan.size()) {
            activities.show(plan);
        } else {
            activities.show(model.activities());
        }
    }
}
