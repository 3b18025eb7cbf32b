package bank.ushield.idverification.eligibility;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.ReasonCode;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The eligibility verdict with the figures behind it. {@code daysAfterExpiry} is negative before expiry (0 on
 * the expiry date itself); empty when no certificate was on record.
 */
public record EligibilityDecision(Eligibility eligibility, Optional<LocalDate> expiryDate,
                                  Optional<Long> daysAfterExpiry, ReasonCode reason) {

    /** As a check result: counter renewal passes, the window passes with a note, the rest fail with a reason. */
    public Finding toFinding() {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("eligibility", eligibility.name());
        expiryDate.ifPresent(d -> ev.put("certificateExpiry", d.toString()));
        daysAfterExpiry.ifPresent(d -> ev.put("daysAfterExpiry", Long.toString(d)));
        return switch (eligibility) {
            case COUNTER_RENEWAL_REQUIRED -> Finding.pass(Finding.Check.ELIGIBILITY, ev);
            case SELF_SERVICE_WINDOW -> Finding.passWithNote(Finding.Check.ELIGIBILITY, reason, ev);
            case TOO_EARLY, REPLACE_TOKEN -> Finding.fail(Finding.Check.ELIGIBILITY, reason, ev);
            case UNDETERMINED -> Finding.needsManager(Finding.Check.ELIGIBILITY, reason, ev);
        };
    }
}
