package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Sex;
import bank.ushield.idverification.Text;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Format rules per document type (check digits where the format has one). Input is taken as presented: ASCII
 * letters may be typed in lower case, anything non-ASCII (full-width letters or digits, lookalikes) fails.
 *
 * <ul>
 *   <li>Resident ID, household register: GB 11643 ({@link ResidentIdNumbers}).</li>
 *   <li>HMT residence permit: GB 11643 layout with region 810000 (Hong Kong), 820000 (Macau) or 830000 (Taiwan),
 *       birth date and MOD 11-2 check.</li>
 *   <li>Foreigner's permanent residence ID, 2023: 18 digits, '9', 2-digit province of issue, 3-digit country code,
 *       8-digit birth date, 3-digit sequence, MOD 11-2 check. 2017: 3 letters (nationality) and 12 digits
 *       (2-digit province, yyMMdd birth date, sequence, check digit); its check algorithm is not public, so only
 *       the structure and the date are checked.</li>
 *   <li>HK/Macau travel permit: H or M and 8 digits (card since 2013) or 10 digits (booklet: 8 and 2 of issue count).</li>
 *   <li>Taiwan travel permit: 8 digits (card since 2015) or 10 digits (older booklet).</li>
 *   <li>Passport: PRC (issuing country CHN) E+8 digits, E+letter (no I, O)+7 digits, G+8 digits (old), D/S/P(+E)
 *       +7 digits (diplomatic, service, public affairs); other countries 5-17 letters or digits with a digit.</li>
 * </ul>
 */
public final class DocumentNumbers {

    private static final Set<String> PERMIT_REGIONS = Set.of("810000", "820000", "830000");
    private static final Pattern PRC_PASSPORT =
            Pattern.compile("E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8}|[DSP]E?[0-9]{7}");
    private static final Pattern OTHER_PASSPORT = Pattern.compile("(?=.*[0-9])[A-Z0-9]{5,17}");
    private static final Pattern HK_MACAU = Pattern.compile("[HM][0-9]{8}([0-9]{2})?");
    private static final Pattern TAIWAN = Pattern.compile("[0-9]{8}([0-9]{2})?");
    private static final Pattern PERMANENT_2017 = Pattern.compile("[A-Z]{3}[0-9]{12}");
    private static final Pattern PERMANENT_2023 = Pattern.compile("9[0-9]{16}[0-9X]");

    private final ResidentIdNumbers residentIds;
    private final RegionCodes regions;

    public DocumentNumbers(ResidentIdNumbers residentIds, RegionCodes regions) {
        this.residentIds = residentIds;
        this.regions = regions;
    }

    public static DocumentNumbers withShippedRegions() {
        return new DocumentNumbers(ResidentIdNumbers.withShippedRegions(), RegionCodes.shipped());
    }

    /**
     * Validates {@code input} as a number of {@code type} on the visit date. {@code issuingCountry} (ISO 3166
     * alpha-3) matters for passports only; empty applies the general passport rule.
     */
    public NumberValidation<DocumentNumber> validate(DocumentType type, String input, Optional<String> issuingCountry,
                                                     LocalDate asOf) {
        String s = Text.trimAscii(input);
        return switch (type) {
            case RESIDENT_ID, HOUSEHOLD_REGISTER -> residentId(type, s, asOf);
            case RESIDENCE_PERMIT_HMT -> residencePermit(s, asOf);
            case FOREIGNER_PERMANENT_ID -> permanentResidence(upperAscii(s), asOf);
            case HK_MACAU_PERMIT -> simple(type, upperAscii(s), HK_MACAU);
            case TAIWAN_PERMIT -> simple(type, s, TAIWAN);
            case PASSPORT -> simple(type, upperAscii(s),
                    issuingCountry.map(c -> c.equalsIgnoreCase("CHN")).orElse(false) ? PRC_PASSPORT : OTHER_PASSPORT);
        };
    }

    private NumberValidation<DocumentNumber> residentId(DocumentType type, String s, LocalDate asOf) {
        NumberValidation<ResidentIdNumber> v = residentIds.validate(s, asOf);
        Optional<DocumentNumber> n = v.value().map(id -> new DocumentNumber(type, id.number(),
                Optional.of(id.birthDate()), Optional.of(id.sex()), Optional.of(id)));
        return new NumberValidation<>(n, v.verdict(), v.reason());
    }

    private NumberValidation<DocumentNumber> residencePermit(String s, LocalDate asOf) {
        String n = s.length() == 18 ? s.substring(0, 17) + Character.toUpperCase(s.charAt(17)) : s;
        if (n.length() != 18 || !Text.isAsciiDigits(n.substring(0, 17)) || !PERMIT_REGIONS.contains(n.substring(0, 6))
                || !((n.charAt(17) >= '0' && n.charAt(17) <= '9') || n.charAt(17) == 'X')) {
            return NumberValidation.fail(ReasonCode.DOCUMENT_NUMBER_FORMAT);
        }
        Optional<LocalDate> birth = ResidentIdNumbers.date(n.substring(6, 14));
        if (birth.isEmpty() || birth.get().isAfter(asOf) || birth.get().getYear() < ResidentIdNumbers.EARLIEST_BIRTH_YEAR) {
            return NumberValidation.fail(ReasonCode.DOCUMENT_BIRTH_DATE_INVALID);
        }
        if (!Mod112.isValid(n)) {
            return NumberValidation.fail(ReasonCode.DOCUMENT_CHECK_DIGIT);
        }
        Sex sex = (n.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        return NumberValidation.pass(new DocumentNumber(DocumentType.RESIDENCE_PERMIT_HMT, n, birth, Optional.of(sex),
                Optional.empty()));
    }

    private NumberValidation<DocumentNumber> permanentResidence(String s, LocalDate asOf) {
        if (PERMANENT_2023.matcher(s).matches()) {
            if (!regions.isMainlandProvince(s.substring(1, 3))) {
                return NumberValidation.fail(ReasonCode.DOCUMENT_NUMBER_FORMAT);
            }
            Optional<LocalDate> birth = ResidentIdNumbers.date(s.substring(6, 14));
            if (birth.isEmpty() || birth.get().isAfter(asOf)
                    || birth.get().getYear() < ResidentIdNumbers.EARLIEST_BIRTH_YEAR) {
                return NumberValidation.fail(ReasonCode.DOCUMENT_BIRTH_DATE_INVALID);
            }
            if (!Mod112.isValid(s)) {
                return NumberValidation.fail(ReasonCode.DOCUMENT_CHECK_DIGIT);
            }
            return NumberValidation.pass(new DocumentNumber(DocumentType.FOREIGNER_PERMANENT_ID, s, birth,
                    Optional.empty(), Optional.empty()));
        }
        if (PERMANENT_2017.matcher(s).matches()) {
            if (!regions.isMainlandProvince(s.substring(3, 5))) {
                return NumberValidation.fail(ReasonCode.DOCUMENT_NUMBER_FORMAT);
            }
            Optional<LocalDate> birth = twoDigitYearDate(s.substring(5, 11), asOf);
            if (birth.isEmpty()) {
                return NumberValidation.fail(ReasonCode.DOCUMENT_BIRTH_DATE_INVALID);
            }
            return NumberValidation.pass(new DocumentNumber(DocumentType.FOREIGNER_PERMANENT_ID, s, birth,
                    Optional.empty(), Optional.empty()));
        }
        return NumberValidation.fail(ReasonCode.DOCUMENT_NUMBER_FORMAT);
    }

    private static NumberValidation<DocumentNumber> simple(DocumentType type, String s, Pattern format) {
        if (!format.matcher(s).matches()) {
            return NumberValidation.fail(ReasonCode.DOCUMENT_NUMBER_FORMAT);
        }
        return NumberValidation.pass(new DocumentNumber(type, s, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** yyMMdd: the latest century that puts the date on or before {@code asOf}. */
    private static Optional<LocalDate> twoDigitYearDate(String yymmdd, LocalDate asOf) {
        int century = asOf.getYear() / 100;
        Optional<LocalDate> d = ResidentIdNumbers.date(century + yymmdd);
        if (d.isPresent() && !d.get().isAfter(asOf)) {
            return d;
        }
        return ResidentIdNumbers.date((century - 1) + yymmdd);
    }

    /** Upper-cases ASCII letters only; other characters stay and fail the pattern. */
    private static String upperAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }
}
