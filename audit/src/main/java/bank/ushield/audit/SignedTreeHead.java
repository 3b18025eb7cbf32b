package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A checkpoint: a tree head signed by the workstation key. The signed bytes are the UTF-8 {@link #note()} text in
 * the C2SP checkpoint layout (origin, size, base64 root, one "time" extension line); see docs/audit-format.md.
 *
 * @param keyId lower-case hex SHA-256 of the signer's SubjectPublicKeyInfo
 * @param signature DER ECDSA-SHA256 signature over the note bytes
 */
public record SignedTreeHead(TreeHead head, Instant signedAt, String note, String keyId, byte[] signature) {

    /** The origin line of every checkpoint of a workstation's log. */
    public static String origin(String workstation) {
        return "ushield-audit/" + workstation;
    }

    /** The note text (the signed bytes) of a tree head. */
    public static String noteText(String workstation, TreeHead head, Instant signedAt) {
        return origin(workstation) + "\n" + head.size() + "\n" + head.rootBase64() + "\n"
                + "time " + AuditEntry.formatTime(signedAt) + "\n";
    }

    /** Signs the tree head of {@code workstation}'s log with the workstation key. */
    public static SignedTreeHead sign(String workstation, TreeHead head, Instant signedAt, WorkstationKeys keys) {
        String note = noteText(workstation, head, signedAt);
        return new SignedTreeHead(head, signedAt, note, keys.keyId(), keys.sign(note.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when the signature is valid for {@code key} and the note states exactly this head. */
    public boolean verify(PublicKey key) {
        return WorkstationKeys.keyId(key).equals(keyId) && statesHead()
                && WorkstationKeys.verify(key, note.getBytes(StandardCharsets.UTF_8), signature);
    }

    /**
     * True when the note's size, root and time lines are this head's (a note and its head columns could disagree).
     */
    public boolean statesHead() {
        String[] lines = note.split("\n", -1);
        return lines.length >= 4 && lines[1].equals(Long.toString(head.size())) && lines[2].equals(head.rootBase64())
                && statesTime(lines[3]);
    }

    private boolean statesTime(String line) {
        try {
            // Stored times keep milliseconds (AuditEntry.formatTime); a freshly signed head may hold more.
            return line.startsWith("time ")
                    && Instant.parse(line.substring(5)).equals(signedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The signed note as text: the note, a blank line, and "— keyId base64(signature)" (C2SP signed-note shape). */
    public String signedNote() {
        return note + "\n\u2014 " + keyId + " " + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /**
     * Reads a signed note written by {@link #signedNote()} (what head office receives). The signature is not checked
     * here: call {@link #verify} with the workstation's public key.
     *
     * @throws IllegalArgumentException when the text is not a signed tree head of this format
     */
    public static SignedTreeHead parse(String signedNote) {
        int split = signedNote.lastIndexOf("\n\n\u2014 ");
        if (split < 0) {
            throw new IllegalArgumentException("Not a signed note: no signature line");
        }
        String note = signedNote.substring(0, split + 1);
        String[] sig = signedNote.substring(split + 2).strip().split(" ");
        String[] lines = note.split("\n");
        if (sig.length != 3 || lines.length < 4 || !lines[3].startsWith("time ")) {
            throw new IllegalArgumentException("Not a signed tree head of the ushield-audit format");
        }
        TreeHead head = new TreeHead(Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
        return new SignedTreeHead(head, Instant.parse(lines[3].substring(5)), note, sig[1],
                Base64.getDecoder().decode(sig[2]));
    }

    public String signatureHex() {
        return HexFormat.of().formatHex(signature);
    }

    @Override
    public String toString() {
        return "SignedTreeHead[size=" + head.size() + ", root=" + head.rootHex() + ", key=" + keyId.substring(0, 16) + "]";
    }
}
