package bank.ushield.teller.home;

import java.util.List;

/** The teller home's view of the renewal cases (wired on the renewal module); calls are slow: off the EDT. */
public interface TellerDesk {

    /** Cases waiting to be finished (CSR queued, certificate received, or interrupted mid-way). */
    List<CaseSummary> pending(String tellerLogin);

    /** The teller's own cases opened today. */
    List<CaseSummary> today(String tellerLogin);

    /** The branch's time zone, in which the lists show times (as the receipt does). */
    java.time.ZoneId zone();
}
