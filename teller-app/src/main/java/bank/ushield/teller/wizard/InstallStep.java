package bank.ushield.teller.wizard;

import javax.swing.JLabel;

/** Step 7: install the new certificate on the token, prove the token works (self-test), complete the case. */
final class InstallStep extends StepPanel {

    private final ActivityList activities = new ActivityList("installActivities");

    InstallStep(RenewalWizardModel model) {
        super(model, "stepInstall", "Wizard.install.title");
        add(new JLabel(TEXT.get("Wizard.install.hint")), "span 2, left, gapbottom para");
        add(activities, "span 2, growx");
    }

    @Override
    void proceed() {
        model.installAndTest();
    }

    @Override
    void refresh() {
        if (model.activities().isEmpty() || model.viewStep() != WizardStep.INSTALL
                || model.activities().size() != 3) {
            activities.show(java.util.List.of(new Activity("Wizard.activity.install", Activity.Status.PENDING),
                    new Activity("Wizard.activity.selfTest", Activity.Status.PENDING),
                    new Activity("Wizard.activity.complete", Activity.Status.PENDING)));
        } else {
            activities.show(model.activities());
        }
    }
}
