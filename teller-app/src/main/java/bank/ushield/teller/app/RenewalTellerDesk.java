package bank.ushield.teller.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import bank.ushield.db.CustomerRepository;
import bank.ushield.db.RenewalCaseRow;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.home.CaseSummary;
import bank.ushield.teller.home.TellerDesk;

/** The teller home's case lists on the renewal and db modules. */
final class RenewalTellerDesk implements TellerDesk {

    private final Supplier<RenewalWorkstation> workstation;

    RenewalTellerDesk(Supplier<RenewalWorkstation> workstation) {
        this.workstation = workstation;
    }

    @Override
    public List<CaseSummary> pending(String tellerLogin) {
        RenewalWorkstation ws = workstation.get();
        // Every unfinished case of this workstation: whoever opened it, the customer may come back to any teller.
        bank.ushield.renewal.RenewalService service = ws.renewals(new bank.ushield.renewal.StaffMember(tellerLogin,
                tellerLogin, bank.ushield.renewal.StaffMember.Role.TELLER));
        java.util.Locale locale = bank.ushield.teller.i18n.Texts.locale();
        ZoneId zone = ws.parts().branchZone();
        return service.resumableCases().stream()
                .map(r -> {
                    bank.ushield.renewal.RenewalCase c = r.renewalCase();
                    CaseSummary s = summary(ws, c.id(), c.caseNo(), c.customerId(), c.state().name(), c.updatedAt(),
                            service.replacement(c.id()).isPresent());
                    // Another counter serves it (ADR 0087): the teller sees who, since when and the last step.
                    return r.heldElsewhere() ? new CaseSummary(s.caseId(), s.caseNo(), s.customer(), s.state(),
                            s.updatedAt(), s.replacement(), r.claim().words(locale, zone)) : s;
                })
                .toList();
    }

    @Override
    public void takeOver(String tellerLogin, long caseId, String managerLogin, char[] password, String reason) {
        teller(workstation.get(), tellerLogin).takeOver(caseId, managerLogin, password, reason);
    }

    private static bank.ushield.renewal.RenewalService teller(RenewalWorkstation ws, String login) {
        return ws.renewals(new bank.ushield.renewal.StaffMember(login, login, bank.ushield.renewal.StaffMember.Role.TELLER));
    }

    @Override
    public ZoneId zone() {
        return workstation.get().parts().branchZone();
    }

    @Override
    public List<CaseSummary> today(String tellerLogin) {
        RenewalWorkstation ws = workstation.get();
        ZoneId zone = ws.parts().branchZone();
        bank.ushield.renewal.RenewalService service = ws.renewals(new bank.ushield.renewal.StaffMember(tellerLogin,
                tellerLogin, bank.ushield.renewal.StaffMember.Role.TELLER));
        List<RenewalCaseRow> rows = ws.repositories().cases()
                .ofTellerOnDay(tellerLogin, LocalDate.now(ws.repositories().clock().withZone(zone)), zone);
        return rows.stream()
                .map(r -> summary(ws, r.id(), r.caseNo(), r.customerId(), r.state().name(), r.updatedAt(),
                        service.replacement(r.id()).isPresent()))
                .toList();
    }

    private static CaseSummary summary(RenewalWorkstation ws, long id, String caseNo, Long customerId, String state,
                                       java.time.Instant updated, boolean replacement) {
        CustomerRepository customers = ws.repositories().customers();
        String name = customerId == null ? "" : customers.find(customerId)
                .map(c -> bank.ushield.db.Masking.name(c.name())).orElse("");
        return new CaseSummary(id, caseNo, name, state, updated, replacement);
    }

}
