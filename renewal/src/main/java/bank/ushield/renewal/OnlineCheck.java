package bank.ushield.renewal;

import java.util.Optional;

/**
 * The answer of 联网核查 at the ID step, as the screen needs it: the status, the photo on record (only with a match,
 * for the teller to compare with the customer and the card's photo) and, unless it matched, the problem that says
 * what the teller does next.
 */
public record OnlineCheck(Status status, byte[] photoOnRecord, Problem problem) {

    /** What the service said, or that the document is not one it checks. */
    public enum Status {
        /** No online check for this document (not a resident ID card, or no service configured). */
        NOT_REQUIRED,
        /** Number and name match: compare the photo on record, then confirm the person matches. */
        MATCH,
        /** The name differs from the one on record: the case stops. */
        NAME_MISMATCH,
        /** No citizen with this number: the case stops. */
        NOT_FOUND,
        /** The document is reported lost or invalid: the case stops. */
        DOCUMENT_INVALID,
        /** No answer: try again later, or a manager authorises going on without it, with a reason. */
        UNAVAILABLE
    }

    public OnlineCheck {
        photoOnRecord = photoOnRecord == null ? null : photoOnRecord.clone();
    }

    /** The photo on record, a copy; present only with a match. */
    public Optional<byte[]> photo() {
        return Optional.ofNullable(photoOnRecord).map(byte[]::clone);
    }

    /** The answer stops the case (mismatch, not found, lost or invalid document): no manager can override it. */
    public boolean stopsCase() {
        return status == Status.NAME_MISMATCH || status == Status.NOT_FOUND || status == Status.DOCUMENT_INVALID;
    }

    @Override
    public String toString() {
        return "OnlineCheck[" + status + (problem == null ? "" : " " + problem.code()) + "]";
    }
}
