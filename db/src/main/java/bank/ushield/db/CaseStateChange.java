package bank.ushield.db;

import java.time.Instant;

/** One row of a case's state history: who moved it from which state to which, when and why. */
public record CaseStateChange(long id, long caseId, CaseState fromState, CaseState toState, String actor,
                              String reason, Instant at) {
}
