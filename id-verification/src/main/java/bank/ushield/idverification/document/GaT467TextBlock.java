package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Sex;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Parses the 256-byte UCS-2LE text block a GA/T 467 ID card reader (through its SAM) returns: name 0-29, sex
 * 30-31 (GB/T 2261.1 code: 1 male, 2 female), nation 32-35 (GB 3304 code), birth 36-51 (yyyyMMdd), address
 * 52-121, number 122-157, authority 158-187, valid from 188-203, valid to 204-219 (yyyyMMdd or 长期), fields
 * padded with spaces. Byte 248 'J' marks the HMT residence permit layout (number is then the permit number);
 * 'I' marks the foreigner's permanent residence card, whose layout differs and is refused here.
 */
public final class GaT467TextBlock {

    /** Size of the text block. */
    public static final int TEXT_LENGTH = 256;
    /** Size of the WLT photo block. */
    public static final int PHOTO_LENGTH = 1024;

    private GaT467TextBlock() {
    }

    /** Parses a text block and keeps the photo bytes as they are. */
    public static IdCardData parse(byte[] text, byte[] photo) throws IdCardReadException {
        if (text == null || text.length != TEXT_LENGTH) {
            throw malformed("text block must be " + TEXT_LENGTH + " bytes, was " + (text == null ? 0 : text.length));
        }
        if (photo != null && photo.length != 0 && photo.length != PHOTO_LENGTH) {
            throw malformed("photo block must be " + PHOTO_LENGTH + " bytes, was " + photo.length);
        }
        String cardType = field(text, 248, 250);
        DocumentType type;
        if (cardType.isEmpty()) {
            type = DocumentType.RESIDENT_ID;
        } else if (cardType.equals("J")) {
            type = DocumentType.RESIDENCE_PERMIT_HMT;
        } else if (cardType.equals("I")) {
            throw new IdCardReadException(IdCardReadException.Problem.UNSUPPORTED_CARD_TYPE,
                    "foreigner's permanent residence card: enter it by hand");
        } else {
            throw malformed("unknown card type mark");
        }
        String name = field(text, 0, 30);
        Sex sex = switch (field(text, 30, 32)) {
            case "1" -> Sex.MALE;
            case "2" -> Sex.FEMALE;
            default -> throw malformed("sex code is not 1 or 2");
        };
        String nation = field(text, 32, 36);
        LocalDate birth = date(field(text, 36, 52), "birth date");
        String address = field(text, 52, 122);
        String number = field(text, 122, 158);
        String authority = field(text, 158, 188);
        LocalDate from = date(field(text, 188, 204), "valid-from date");
        String to = field(text, 204, 220);
        Optional<LocalDate> validTo = to.equals("长期") ? Optional.empty() : Optional.of(date(to, "valid-to date"));
        if (name.isEmpty() || number.isEmpty()) {
            throw malformed("name or number is empty");
        }
        return new IdCardData(type, name, sex, nation, birth, address, number, authority, from, validTo, photo);
    }

    /** The text of bytes [from, to), with space and NUL padding removed at the end. */
    private static String field(byte[] text, int from, int to) {
        String s = new String(text, from, to - from, StandardCharsets.UTF_16LE);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\u0000')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    private static LocalDate date(String yyyymmdd, String what) throws IdCardReadException {
        return ResidentIdNumbers.date(yyyymmdd).orElseThrow(() -> malformed(what + " is not a yyyyMMdd date"));
    }

    private static IdCardReadException malformed(String message) {
        return new IdCardReadException(IdCardReadException.Problem.MALFORMED_DATA, message);
    }
}
