package bank.ushield.teller.app;

import java.util.function.Consumer;

import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.pin.SwingPinPrompter;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.wizard.RenewalWizard;
import bank.ushield.teller.wizard.RenewalWizardModel;

/** Opens the renewal wizard in the workstation frame, for a new case or to resume one. */
final class RenewalWizardLauncher implements TellerHome.WorkLauncher {

    private final DomainWiring wiring;

    RenewalWizardLauncher(DomainWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void startRenewal(ShellContext context) {
        RenewalWizard wizard = create(context);
        context.showWork(wizard);
    }

    @Override
    public void resumeRenewal(ShellContext context, long caseId) {
        RenewalWizard wizard = create(context);
        context.showWork(wizard);
        wizard.model().resume(caseId);
    }

    private RenewalWizard create(ShellContext context) {
        if (wiring == null) {
            throw new IllegalStateException("No domain modules wired for this workstation");
        }
        // The wiring starts in the background; by the time someone has logged in it is up (or its failure shows).
        RenewalWorkstation ws = wiring.renewal();
        StaffSession s = context.session();
        RenewalService service = ws.renewals(new StaffMember(s.login(), s.displayName(),
                StaffMember.Role.valueOf(s.role().name())));
        RenewalWizardModel model = new RenewalWizardModel(new RenewalWizardModel.Parts(service,
                serial -> ws.parts().token().read(serial), id -> ws.parts().customers().byId(id),
                r -> ws.receiptPdf().render(r), new SwingPinPrompter(context::frame)),
                context.workstation().executor(), ErrorDialog.explainer(), wiring.readers());
        model.customerSearch((text, limit) -> ws.parts().customers().search(text, limit));
        // Training: null asks for a free blank from this teller's box (a replacement, ADR 0077).
        Consumer<String> insert = ws.trainingWorld().<Consumer<String>>map(w -> serial -> {
            if (serial != null) {
                w.insert(serial);
            } else {
                w.freeBlankInBox(s.login()).ifPresent(w::insert);
            }
        }).orElse(null);
        // Training: the simulated tokens have no label to read; the step shows the printed voucher instead.
        ws.trainingWorld().ifPresent(w -> model.trainingLabels(w::printedVoucher));
        Runnable leave = () -> {
            model.endVisit();
            // Training: a closed case's customer leaves with their token; the next one finds the reader empty.
            if (model.renewalCase() != null && !model.renewalCase().open()) {
                ws.trainingWorld().ifPresent(bank.ushield.renewal.wiring.TrainingWorld::emptyReader);
            }
            context.showHome();
        };
        return new RenewalWizard(model, leave, insert, context::status);
    }
}
