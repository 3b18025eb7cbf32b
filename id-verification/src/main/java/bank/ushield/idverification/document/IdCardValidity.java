package bank.ushield.idverification.document;

import bank.ushield.idverification.ReasonCode;

import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.util.Optional;

/**
 * Validity of a resident ID card on the visit date, and whether its period fits the Resident ID Card Law art. 5:
 * under 16 at application 5 years, 16-25 10 years, 26-45 20 years, 46 and over long-term. The age is taken at the
 * start of validity and, since a card is issued some weeks after the application, also 90 days earlier: either
 * age's period is accepted. A period starting on Feb 29 may end on Feb 28 or Mar 1.
 */
public final class IdCardValidity {

    /** How long before the start of validity the application may have been made. */
    static final int APPLICATION_LEAD_DAYS = 90;

    private IdCardValidity() {
    }

    /**
     * The reason the card cannot simply be accepted, or empty if it can. {@code validTo} empty means long-term.
     */
    public static Optional<ReasonCode> assess(LocalDate birth, Optional<LocalDate> validFrom,
                                              Optional<LocalDate> validTo, LocalDate visit) {
        if (validFrom.isEmpty()) {
            return Optional.of(ReasonCode.DOCUMENT_VALIDITY_MISSING);
        }
        LocalDate from = validFrom.get();
        if (from.isAfter(visit)) {
            return Optional.of(ReasonCode.DOCUMENT_NOT_YET_VALID);
        }
        if (validTo.isPresent() && !validTo.get().isAfter(from)) {
            return Optional.of(ReasonCode.DOCUMENT_VALIDITY_INCONSISTENT);
        }
        if (validTo.isPresent() && validTo.get().isBefore(visit)) {
            return Optional.of(ReasonCode.DOCUMENT_EXPIRED);
        }
        if (from.isBefore(birth)
                || !(fits(birth, from, validTo) || fits(birth, from.minusDays(APPLICATION_LEAD_DAYS), from, validTo))) {
            return Optional.of(ReasonCode.DOCUMENT_VALIDITY_INCONSISTENT);
        }
        return Optional.empty();
    }

    /** The period in years for an age at application; empty for long-term. */
    public static Optional<Integer> periodYears(int ageAtApplication) {
        if (ageAtApplication < 16) {
            return Optional.of(5);
        }
        if (ageAtApplication <= 25) {
            return Optional.of(10);
        }
        if (ageAtApplication <= 45) {
            return Optional.of(20);
        }
        return Optional.empty();
    }

    private static boolean fits(LocalDate birth, LocalDate from, Optional<LocalDate> validTo) {
        return fits(birth, from, from, validTo);
    }

    private static boolean fits(LocalDate birth, LocalDate applied, LocalDate from, Optional<LocalDate> validTo) {
        if (applied.isBefore(birth)) {
            return false;
        }
        Optional<Integer> years = periodYears(Period.between(birth, applied).getYears());
        if (years.isEmpty()) {
            return validTo.isEmpty();
        }
        if (validTo.isEmpty()) {
            return false;
        }
        LocalDate expected = from.plusYears(years.get());
        boolean leapStart = from.getMonth() == Month.FEBRUARY && from.getDayOfMonth() == 29;
        return validTo.get().equals(expected) || (leapStart && validTo.get().equals(expected.plusDays(1)));
    }
}
