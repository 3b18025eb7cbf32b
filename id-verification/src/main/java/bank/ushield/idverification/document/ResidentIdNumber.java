package bank.ushield.idverification.document;

import bank.ushield.idverification.Sex;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A GB 11643-1999 citizen identity number that passed the format, date and check-digit rules. {@code number} is
 * always the 18-character form; {@code legacy} says it was converted from a 15-digit number.
 */
public record ResidentIdNumber(String number, String regionCode, Optional<Region> region, LocalDate birthDate,
                               int sequence, boolean legacy) {

    /** Odd sequence numbers are given to men, even ones to women. */
    public Sex sex() {
        return sequence % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Full years of age on a date. */
    public int ageOn(LocalDate date) {
        return java.time.Period.between(birthDate, date).getYears();
    }
}
