package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Sex;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The teller's keyboard as an {@link IdCardReader}, for when the reader fails or the card's chip is damaged: the
 * typed fields go through the same rule as a read card. Dates are typed yyyyMMdd or yyyy-MM-dd; a valid-to of
 * "长期" or empty means long-term.
 */
public final class ManualIdCardEntry implements IdCardReader {

    /** The form as typed: every field a string, as on the card. */
    public record Form(String name, String sex, String birthDate, String number, String validFrom, String validTo) {
    }

    private final Supplier<Form> form;

    public ManualIdCardEntry(Supplier<Form> form) {
        this.form = form;
    }

    @Override
    public DocumentToCheck.Source source() {
        return DocumentToCheck.Source.MANUAL;
    }

    @Override
    public IdCardData read() throws IdCardReadException {
        Form f = form.get();
        if (f == null) {
            throw new IdCardReadException(IdCardReadException.Problem.NO_CARD, "nothing entered");
        }
        Sex sex = switch (f.sex() == null ? "" : f.sex().trim()) {
            case "男", "M", "m", "1" -> Sex.MALE;
            case "女", "F", "f", "2" -> Sex.FEMALE;
            default -> throw malformed("sex must be 男 or 女");
        };
        String to = f.validTo() == null ? "" : f.validTo().trim();
        Optional<LocalDate> validTo = to.isEmpty() || to.equals("长期") ? Optional.empty()
                : Optional.of(date(to, "valid-to date"));
        return new IdCardData(DocumentType.RESIDENT_ID, f.name(), sex, "", date(f.birthDate(), "birth date"), "",
                f.number(), "", date(f.validFrom(), "valid-from date"), validTo, null);
    }

    private static LocalDate date(String typed, String what) throws IdCardReadException {
        String s = typed == null ? "" : typed.trim().replace("-", "").replace(".", "");
        return ResidentIdNumbers.date(s).orElseThrow(() -> malformed(what + " must be a date like 20260131"));
    }

    private static IdCardReadException malformed(String message) {
        return new IdCardReadException(IdCardReadException.Problem.MALFORMED_DATA, message);
    }
}
