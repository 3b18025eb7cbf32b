package bank.ushield.idverification.online;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's answer: the result, the photo on record (only with a match), the service's own reference for the
 * query if it gives one, and a detail for the log (never personal data: e.g. "timed out after 8 s").
 */
public final class CitizenAnswer {

    /** The outcomes the counter acts on. */
    public enum Result {
        /** Number exists, name matches, document valid: the photo on record comes with it. */
        MATCH,
        /** The number exists but the name differs. */
        NAME_MISMATCH,
        /** No citizen with this number. */
        NOT_FOUND,
        /** The document is reported lost, cancelled or otherwise invalid. */
        DOCUMENT_LOST_OR_INVALID,
        /** No answer: the service is down, refused the query, or did not answer in time. */
        UNAVAILABLE
    }

    private final Result result;
    private final byte[] photo;
    private final String reference;
    private final String detail;

    private CitizenAnswer(Result result, byte[] photo, String reference, String detail) {
        this.result = Objects.requireNonNull(result, "result");
        this.photo = photo == null ? null : photo.clone();
        this.reference = reference == null ? "" : reference;
        this.detail = detail == null ? "" : detail;
    }

    /** A match, with the photo on record (may be empty when the service returns none). */
    public static CitizenAnswer match(byte[] photoOnRecord, String reference) {
        return new CitizenAnswer(Result.MATCH, photoOnRecord == null ? new byte[0] : photoOnRecord, reference, "");
    }

    /** A definite answer other than a match. */
    public static CitizenAnswer of(Result result, String reference) {
        if (result == Result.MATCH) {
            throw new IllegalArgumentException("a match carries the photo: use match()");
        }
        return new CitizenAnswer(result, null, reference, "");
    }

    /** No answer; {@code detail} says why, for the log. */
    public static CitizenAnswer unavailable(String detail) {
        return new CitizenAnswer(Result.UNAVAILABLE, null, "", detail);
    }

    public Result result() {
        return result;
    }

    /** The photo on record (a copy), present only with a match. */
    public Optional<byte[]> photoOnRecord() {
        return Optional.ofNullable(photo).map(byte[]::clone);
    }

    /** SHA-256 of the photo bytes in hex, what the audit log keeps instead of the photo; empty without a photo. */
    public String photoSha256() {
        if (photo == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String reference() {
        return reference;
    }

    public String detail() {
        return detail;
    }

    /** No photo bytes, no personal data. */
    @Override
    public String toString() {
        return "CitizenAnswer[" + result + (photo == null ? "" : " photo " + photo.length + " bytes")
                + (detail.isEmpty() ? "" : " " + detail) + "]";
    }
}
