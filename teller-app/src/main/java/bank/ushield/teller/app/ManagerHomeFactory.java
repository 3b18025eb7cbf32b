package bank.ushield.teller.app;

import java.time.LocalDate;
import java.time.ZoneId;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.teller.manager.ManagerHome;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.training.Unavailable;

/** The branch manager's home screen over this mode's audit log (review, sign-off, export, charts). */
public final class ManagerHomeFactory {

    private ManagerHomeFactory() {
    }

    static HomeScreenFactory of(DomainWiring wiring) {
        return context -> wiring.managerServices()
                .map(m -> create(m.review(), m.stock() == null ? null : m.stock().apply(
                        new bank.ushield.renewal.StaffMember(context.session().login(), context.session().displayName(),
                                bank.ushield.renewal.StaffMember.Role.valueOf(context.session().role().name()))),
                        context, m.zone()))
                .orElseGet(() -> Unavailable.screen(ManagerHome.unavailableText()));
    }

    /** The manager's home on the given review service (tests give an audit fixture's). */
    public static HomeScreen create(AuditReview review, ShellContext context) {
        return create(review, null, context, context.workstation().clock().getZone());
    }

    /** As above, with the branch's blank U-shields for this manager (null: no stock tab). */
    static HomeScreen create(AuditReview review, bank.ushield.renewal.TokenStock stock, ShellContext context,
                             ZoneId zone) {
        WorkstationContext w = context.workstation();
        return new ManagerHome(review, w.executor(), zone, () -> LocalDate.now(w.clock().withZone(zone)),
                context.session().login(), stock);
    }
}
