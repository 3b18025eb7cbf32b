package bank.ushield.teller.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import bank.ushield.db.CustomerRepository;
import bank.ushield.db.RenewalCaseRow;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.ResumableCase;
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
        return ws.renewals(new bank.ushield.renewal.StaffMember(tellerLogin, tellerLogin, bank.ushield.renewal.StaffMember.Role.TELLER)).resumableCases().stream()
                .map(ResumableCase::renewalCase)
                .map(c -> summary(ws, c.id(), c.caseNo(), c.customerId(), c.state().name(), c.updatedAt()))
                .toList();
    }

    @Override
    public ZoneId zone() {
        return workstation.get().parts().branchZone();
    }

    @Override
    public List<CaseSummary> today(String tellerLogin) {
        RenewalWorkstation ws = workstation.get();
        ZoneId zone = ws.parts().branchZone();
        List<RenewalCaseRow> rows = ws.repositories().cases()
                .ofTellerOnDay(tellerLogin, LocalDate.now(ws.repositories().clock().withZone(zone)), zone);
        return rows.stream()
                .map(r -> summary(ws, r.id(), r.caseNo(), r.customerId(), r.state().name(), r.updatedAt()))
                .toList();
    }

    private static CaseSummary summary(RenewalWorkstation ws, long id, String caseNo, Long customerId, String state,
                                       java.time.Instant updated) {
        CustomerRepository customers = ws.repositories().customers();
        String name = customerId == null ? "" : customers.find(customerId)
                .map(c -> bank.ushield.db.Masking.name(c.name())).orElse("");
        return new CaseSummary(id, caseNo, name, state, updated);
    }

}
