package bank.ushield.teller.wizard;

import java.time.Instant;
import java.util.Comparator;

import javax.swing.JLabel;

import bank.ushield.renewal.PresentedToken;

/**
 * Step 5: the customer types the token PIN (a dialog meant for the customer), the token makes the new key pair
 * and signs the certificate request, and the request is queued for head office; one progress bar per part.
 */
final class RepersonaliseStep extends StepPanel {

    /** The rules' code of a certificate still in the self-service window (ReasonCode.SELF_SERVICE_AVAILABLE). */
    private static final String SELF_SERVICE = "SELF_SERVICE_AVAILABLE";

    private final JLabel eligible = value("repersonaliseEligible");
    private final ActivityList activities = new ActivityList("repersonaliseActivities");

    RepersonaliseStep(RenewalWizardModel model) {
        super(model, "stepRepersonalise", "Wizard.repersonalise.title");
        eligible.putClientProperty("FlatLaf.styleClass", "outcomeOk");
        add(eligible, "span 2, left");
        JLabel hint = new JLabel(TEXT.get("Wizard.repersonalise.hint"));
        add(hint, "span 2, left, gapbottom para");
        add(activities, "span 2, growx");
    }

    @Override
    void proceed() {
        model.repersonalise();
    }

    @Override
    void refresh() {
        PresentedToken t = model.token();
        Instant notAfter = t == null ? null : t.certificates().stream()
                .map(PresentedToken.TokenCertificate::notAfter).max(Comparator.naturalOrder()).orElse(null);
        String expiry = TokenStep.expiryText(notAfter, Instant.now(), model.branchZone());
        // Inside the self-service window the rules do not require the counter (the plain text would say they do):
        // once a manager authorised the exception, say that, on two lines (one runs off a 1280-wide screen).
        eligible.setText(model.authorisedException().filter(a -> SELF_SERVICE.equals(a.code()))
                .map(a -> "<html>" + escape(TEXT.format("Wizard.repersonalise.eligibleSelfService", expiry)) + "<br>"
                        + escape(TEXT.format("Wizard.repersonalise.authorisedBy", a.managerLogin())) + "</html>")
                .orElseGet(() -> TEXT.format("Wizard.repersonalise.eligible", expiry)));
        if (model.activities().size() != 2 || model.viewStep() != WizardStep.REPERSONALISE) {
            activities.show(java.util.List.of(new Activity("Wizard.activity.key", Activity.Status.PENDING),
                    new Activity("Wizard.activity.queue", Activity.Status.PENDING)));
        } else {
            activities.show(model.activities());
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
