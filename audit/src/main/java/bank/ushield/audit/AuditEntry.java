package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One recorded entry of the audit log, as stored: the leaf {@code seq} of the Merkle tree. {@link #leafData()} gives
 * the exact bytes that are hashed (format in docs/audit-format.md).
 *
 * @param at the time in UTC, to the millisecond
 * @param details canonical JSON with personal data masked
 * @param leafHash SHA-256(0x00 || leafData())
 */
public record AuditEntry(long seq, Instant at, String workstation, String actor, String role, Long caseId,
                         String customerRef, AuditEventType type, AuditOutcome outcome, String details,
                         byte[] leafHash) {

    /** Version byte that starts every leaf. */
    public static final int LEAF_FORMAT_VERSION = 1;

    /** Times are stored with exactly three fraction digits so text order is time order. */
    public static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * An entry's stored time text as an instant; a text that does not parse (a damaged or edited file) gives the
     * epoch (1970-01-01), so one bad row never stops a search or a review; verify names that entry.
     */
    public static Instant storedTime(long seq, String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AuditEntry.class)
                    .warn("Audit entry {} has an unreadable time; run 'audit verify' on this database", seq);
            return Instant.EPOCH;
        }
    }

    /** The stored text of an instant (UTC, milliseconds). */
    public static String formatTime(Instant at) {
        Instant ms = at.truncatedTo(ChronoUnit.MILLIS);
        // An append formats its entry's time twice (leaf bytes, row): the last text is kept for the second time.
        TimeText last = lastTime;
        if (!ms.equals(last.at())) {
            last = new TimeText(ms, TIME_FORMAT.format(ms));
            lastTime = last;
        }
        return last.text();
    }

    /** An instant and its stored text, replaced as one (immutable, so any thread reads a matching pair). */
    private record TimeText(Instant at, String text) {
    }

    private static volatile TimeText lastTime = new TimeText(null, "");

    /** The stored time text of this entry. */
    public String atText() {
        return formatTime(at);
    }

    /** The leaf hash as lower-case hex. */
    public String leafHashHex() {
        return HexFormat.of().formatHex(leafHash);
    }

    /** The bytes of this entry that the Merkle tree hashes. */
    public byte[] leafData() {
        return leafData(seq, utf8(atText()), utf8(workstation), utf8(actor), utf8(role),
                utf8(caseId == null ? "" : caseId.toString()), utf8(customerRef == null ? "" : customerRef),
                utf8(type.name()), utf8(outcome.name()), utf8(details));
    }

    /**
     * The leaf encoding: version byte, seq as unsigned 64-bit big-endian, then each field as a 32-bit big-endian
     * byte length followed by its UTF-8 bytes, in the order at, workstation, actor, role, case id (decimal or
     * empty), customer ref (or empty), event type, outcome, details.
     */
    static byte[] leafData(long seq, byte[]... fields) {
        int len = 9;
        for (byte[] f : fields) {
            len += 4 + f.length;
        }
        byte[] out = new byte[len];
        int p = leafHeader(out, seq);
        for (byte[] f : fields) {
            p = putField(out, p, f, 0, f.length);
        }
        return out;
    }

    /** Writes the version byte and seq of {@link #leafData(long, byte[]...)} at the start of {@code out}; the next position. */
    static int leafHeader(byte[] out, long seq) {
        out[0] = LEAF_FORMAT_VERSION;
        int p = 1;
        for (int i = 7; i >= 0; i--) {
            out[p++] = (byte) (seq >>> (8 * i));
        }
        return p;
    }

    /** Writes one field of the leaf encoding (length, then bytes) at {@code p}; the next position. */
    static int putField(byte[] out, int p, byte[] src, int off, int len) {
        out[p++] = (byte) (len >>> 24);
        out[p++] = (byte) (len >>> 16);
        out[p++] = (byte) (len >>> 8);
        out[p++] = (byte) len;
        System.arraycopy(src, off, out, p, len);
        return p + len;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuditEntry[seq=" + seq + ", at=" + atText() + ", type=" + type + ", outcome=" + outcome
                + ", actor=" + actor + ", leaf=" + leafHashHex().substring(0, 12) + "]";
    }
}
