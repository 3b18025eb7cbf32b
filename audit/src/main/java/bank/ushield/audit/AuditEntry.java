package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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
            last = new TimeText(ms, timeText(ms));
            lastTime = last;
        }
        return last.text();
    }

    /**
     * {@link #TIME_FORMAT}'s text, written by hand for the years 1000 to 9999 (the formatter's machinery was a tenth
     * of an append's Java time, ADR 0105); other years through the formatter.
     */
    static String timeText(Instant ms) {
        long seconds = ms.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return TIME_FORMAT.format(ms);
        }
        char[] t = new char[24];
        digits(t, 0, year, 4);
        t[4] = '-';
        digits(t, 5, date.getMonthValue(), 2);
        t[7] = '-';
        digits(t, 8, date.getDayOfMonth(), 2);
        t[10] = 'T';
        digits(t, 11, secondOfDay / 3600, 2);
        t[13] = ':';
        digits(t, 14, secondOfDay / 60 % 60, 2);
        t[16] = ':';
        digits(t, 17, secondOfDay % 60, 2);
        t[19] = '.';
        digits(t, 20, ms.getNano() / 1_000_000, 3);
        t[23] = 'Z';
        return new String(t);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
        return leafHeader(out, 0, seq);
    }

    /** As {@link #leafHeader(byte[], long)}, writing at {@code at} (verify puts the hash's 0x00 prefix before it). */
    static int leafHeader(byte[] out, int at, long seq) {
        out[at] = LEAF_FORMAT_VERSION;
        int p = at + 1;
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
