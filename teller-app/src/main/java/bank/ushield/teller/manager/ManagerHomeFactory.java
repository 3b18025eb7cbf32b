package bank.ushield.teller.manager;

import java.time.LocalDate;
import java.time.ZoneId;

import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.shell.Role;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.shell.Workstation;

/** The branch manager's home screen, found by the shell through ServiceLoader. */
public final class ManagerHomeFactory implements HomeScreenFactory {

    @Override
    public Role role() {
        return Role.MANAGER;
    }

    @Override
    public HomeScreen create(ShellContext context) {
        Workstation w = context.workstation();
        if (!w.has(AuditReview.class) || !w.has(AuditStatistics.class)) {
            return bank.ushield.teller.training.Unavailable.screen(AuditReviewPanel.TEXT.get("Manager.unavailable"));
        }
        ZoneId zone = w.clock().getZone();
        return new ManagerHome(w.service(AuditReview.class), w.service(AuditStatistics.class), w.executor(), zone,
                () -> LocalDate.now(w.clock()), context.session().login());
    }
}
