package bank.ushield.renewal.readers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import bank.ushield.db.Customer;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Gender;
import bank.ushield.db.IdentityDocument;
import bank.ushield.idverification.document.GaT467TextBlock;
import bank.ushield.idverification.document.IdCardReadException;
import bank.ushield.idverification.document.SamIdCardReader;

/**
 * Training's ID card on the reader: the customer's registered resident ID card written as the GA/T 467 text block a
 * SAM returns (so the real parser reads it), with a training photo. The photo is a small PNG padded to the 1024-byte
 * block: a real reader's block is WLT, which the workstation cannot decode.
 */
final class TrainingIdCard {

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final byte[] PHOTO = photo();

    private TrainingIdCard() {
    }

    static SamIdCardReader.RawCard raw(Customer customer, IdentityDocument doc) throws IdCardReadException {
        if (doc.docType() != IdentityDocumentType.RESIDENT_ID && doc.docType() != IdentityDocumentType.HOUSEHOLD_REGISTER) {
            throw new IdCardReadException(IdCardReadException.Problem.UNSUPPORTED_CARD_TYPE,
                    "the customer's document is not a resident ID card: enter it by hand");
        }
        byte[] text = new byte[GaT467TextBlock.TEXT_LENGTH];
        fill(text, 0, GaT467TextBlock.TEXT_LENGTH);
        put(text, 0, 30, doc.name());
        put(text, 30, 32, customer.gender() == Gender.F ? "2" : "1");
        put(text, 36, 52, customer.birthDate() == null ? "" : customer.birthDate().format(YMD));
        put(text, 122, 158, doc.docNumber());
        put(text, 188, 204, date(doc.validFrom()));
        put(text, 204, 220, doc.validTo() == null ? "长期" : date(doc.validTo()));
        return new SamIdCardReader.RawCard(text, PHOTO.clone());
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.format(YMD);
    }

    /** A field in UCS-2LE, space padded; too long a value would shift the layout, so it is refused. */
    private static void put(byte[] text, int from, int to, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_16LE);
        if (v.length > to - from) {
            throw new IllegalArgumentException("value longer than its GA/T 467 field");
        }
        System.arraycopy(v, 0, text, from, v.length);
        fill(text, from + v.length, to);
    }

    private static void fill(byte[] text, int from, int to) {
        for (int i = from; i + 1 < to; i += 2) {
            text[i] = ' ';
            text[i + 1] = 0;
        }
    }

    private static byte[] photo() {
        try (InputStream in = TrainingIdCard.class.getResourceAsStream("training-photo.png")) {
            byte[] png = in.readAllBytes();
            return Arrays.copyOf(png, GaT467TextBlock.PHOTO_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
