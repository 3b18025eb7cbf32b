package bank.ushield.idverification.document;

import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Validates GB 11643 citizen identity numbers (resident ID card, household register, and, with their own province
 * codes, the HMT residence permits): 6-digit region, 8-digit birth date, 3-digit sequence, MOD 11-2 check.
 * Input is taken as typed or read: only ASCII digits (and 'X' or 'x' last) are accepted; full-width digits are a
 * format failure rather than silently converted, so what is audited is what was presented.
 */
public final class ResidentIdNumbers {

    /** Earliest birth year accepted; the standard's own example is born in 1880. */
    static final int EARLIEST_BIRTH_YEAR = 1850;

    private final RegionCodes regions;

    public ResidentIdNumbers(RegionCodes regions) {
        this.regions = regions;
    }

    public static ResidentIdNumbers withShippedRegions() {
        return new ResidentIdNumbers(RegionCodes.shipped());
    }

    /** Validates a resident ID number on the visit date {@code asOf}; 15-digit legacy numbers are converted. */
    public NumberValidation<ResidentIdNumber> validate(String input, LocalDate asOf) {
        String s = Text.trimAscii(input);
        boolean legacy;
        String number;
        if (s.length() == 15 && Text.isAsciiDigits(s)) {
            legacy = true;
            String body = s.substring(0, 6) + "19" + s.substring(6, 15);
            number = body + Mod112.checkCharacter(body);
        } else if (s.length() == 18 && Text.isAsciiDigits(s.substring(0, 17))
                && isCheckChar(s.charAt(17))) {
            legacy = false;
            number = s.substring(0, 17) + Character.toUpperCase(s.charAt(17));
        } else {
            return NumberValidation.fail(ReasonCode.ID_NUMBER_FORMAT);
        }

        Optional<LocalDate> birth = date(number.substring(6, 14));
        if (birth.isEmpty() || birth.get().getYear() < EARLIEST_BIRTH_YEAR) {
            return NumberValidation.fail(ReasonCode.ID_NUMBER_BIRTH_DATE_INVALID);
        }
        if (birth.get().isAfter(asOf)) {
            return NumberValidation.fail(ReasonCode.ID_NUMBER_BIRTH_DATE_IN_FUTURE);
        }
        if (!legacy && !Mod112.isValid(number)) {
            return NumberValidation.fail(ReasonCode.ID_NUMBER_CHECK_DIGIT);
        }
        String regionCode = number.substring(0, 6);
        if (!regions.isMainlandProvince(regionCode)) {
            return NumberValidation.fail(ReasonCode.ID_NUMBER_REGION_UNKNOWN);
        }
        Optional<Region> region = regions.find(regionCode);
        ResidentIdNumber id = new ResidentIdNumber(number, regionCode, region, birth.get(),
                Integer.parseInt(number.substring(14, 17)), legacy);
        // A code retired before 2002 is found in the 1980-2001 lists and passes, marked historical. A valid-looking
        // number whose code is in no list is rare and may be a forgery or a gap in the lists: the teller cannot
        // decide that alone, and a blanket FAIL would lock out genuine older customers.
        if (region.isEmpty() || region.get().level() == Region.Level.PROVINCE) {
            return NumberValidation.needsManager(id, ReasonCode.ID_NUMBER_REGION_UNLISTED);
        }
        return legacy ? NumberValidation.passWithNote(id, ReasonCode.LEGACY_NUMBER_CONVERTED)
                : NumberValidation.pass(id);
    }

    /** Converts a 15-digit legacy number (born 19xx, no check digit) to its 18-character form. */
    public static String toEighteen(String legacy15) {
        if (legacy15 == null || legacy15.length() != 15 || !Text.isAsciiDigits(legacy15)) {
            throw new IllegalArgumentException("not a 15-digit legacy ID number");
        }
        String body = legacy15.substring(0, 6) + "19" + legacy15.substring(6);
        return body + Mod112.checkCharacter(body);
    }

    private static boolean isCheckChar(char c) {
        return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
    }

    /** yyyyMMdd of ASCII digits to a date, strictly (no Feb 30, no month 13). */
    static Optional<LocalDate> date(String yyyymmdd) {
        if (yyyymmdd.length() != 8 || !Text.isAsciiDigits(yyyymmdd)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
