package bank.ushield.teller.home;

import java.util.List;

/** The teller home's view of the renewal cases (wired on the renewal module); calls are slow: off the EDT. */
public interface TellerDesk {

    /** Cases waiting to be finished (CSR queued, certificate received, or interrupted mid-way). */
    List<CaseSummary> pending(String tellerLogin);

    /** The teller's own cases opened today. */
    List<CaseSummary> today(String tellerLogin);

    /**
     * Takes over a case another workstation holds, with a manager's login and password (wiped) and a reason
     * (ADR 0087); throws the renewal module's refusal, explained in words by the error explainer.
     */
    default void takeOver(String tellerLogin, long caseId, String managerLogin, char[] password, String reason) {
        java.util.Arrays.fill(password, '\0');
        throw new UnsupportedOperationException("no shared cases on this workstation");
    }

    /** The branch's time zone, in which the lists show times (as the receipt does). */
    java.time.ZoneId zone();
}
