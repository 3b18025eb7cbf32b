package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Head office's signed statement that it holds this workstation's audit tree head of {@code treeSize} entries with
 * root {@code rootHash} (docs/audit-format.md, "Anchoring"). The signed bytes are the UTF-8 {@link #note()}:
 * origin {@code ushield-audit-ack/<workstation>}, size, base64 root, "time" line; the signature is head office's
 * sync key's (SHA256withRSA or SHA256withECDSA), {@code keyId} the hex SHA-256 of that key's SubjectPublicKeyInfo.
 */
public record AnchorAcknowledgement(String workstation, long treeSize, byte[] rootHash, Instant acknowledgedAt,
                                    String note, String keyId, byte[] signature) {

    /** The origin line of an acknowledgement for {@code workstation}. */
    public static String origin(String workstation) {
        return "ushield-audit-ack/" + workstation;
    }

    /** The note text (the signed bytes). */
    public static String noteText(String workstation, long treeSize, byte[] rootHash, Instant at) {
        return origin(workstation) + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + "time " + AuditEntry.formatTime(at) + "\n";
    }

    /** Head office's side: signs an acknowledgement with its sync key. */
    public static AnchorAcknowledgement sign(String workstation, TreeHead head, Instant at, PrivateKey key,
                                             PublicKey publicKey) {
        Instant time = Instant.parse(AuditEntry.formatTime(at));
        String note = noteText(workstation, head.size(), head.rootHash(), time);
        try {
            Signature s = Signature.getInstance(algorithm(key.getAlgorithm()), WorkstationKeys.BC);
            s.initSign(key);
            s.update(note.getBytes(StandardCharsets.UTF_8));
            return new AnchorAcknowledgement(workstation, head.size(), head.rootHash().clone(), time, note,
                    WorkstationKeys.keyId(publicKey), s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the acknowledgement: " + e.getMessage(), e);
        }
    }

    /** The tree head acknowledged. */
    public TreeHead head() {
        return new TreeHead(treeSize, rootHash);
    }

    /**
     * True when the note states exactly these members, the key id is {@code key}'s and the signature verifies with
     * it. An acknowledgement read from a batch or a file is worth nothing before this returns true.
     */
    public boolean verify(PublicKey key) {
        if (!WorkstationKeys.keyId(key).equals(keyId)
                || !note.equals(noteText(workstation, treeSize, rootHash, acknowledgedAt))) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(algorithm(key.getAlgorithm()), WorkstationKeys.BC);
            s.initVerify(key);
            s.update(note.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The note, a blank line and "— keyId base64(signature)": the file form ({@code audit verify --anchor}). */
    public String signedNote() {
        return note + "\n\u2014 " + keyId + " " + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /**
     * Reads the file form written by {@link #signedNote()}. The signature is not checked here.
     *
     * @throws IllegalArgumentException when the text is not an acknowledgement of this format
     */
    public static AnchorAcknowledgement parse(String signedNote) {
        int split = signedNote.lastIndexOf("\n\n\u2014 ");
        if (split < 0) {
            throw new IllegalArgumentException("Not a signed acknowledgement: no signature line");
        }
        String note = signedNote.substring(0, split + 1);
        String[] sig = signedNote.substring(split + 2).strip().split(" ");
        String[] lines = note.split("\n");
        if (sig.length != 3 || lines.length != 4 || !lines[0].startsWith("ushield-audit-ack/")
                || !lines[3].startsWith("time ")) {
            throw new IllegalArgumentException("Not a head-office acknowledgement of the ushield-audit-ack format");
        }
        try {
            return new AnchorAcknowledgement(lines[0].substring("ushield-audit-ack/".length()),
                    Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]), Instant.parse(lines[3].substring(5)),
                    note, sig[1], Base64.getDecoder().decode(sig[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The acknowledgement's size, root or time cannot be read", e);
        }
    }

    /** The JCA name of SHA-256 with a key of this algorithm. */
    static String algorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("Unsupported key algorithm " + keyAlgorithm);
        };
    }

    public String rootHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorAcknowledgement a && a.treeSize == treeSize && a.workstation.equals(workstation)
                && Arrays.equals(a.rootHash, rootHash) && a.note.equals(note) && Arrays.equals(a.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(treeSize) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "AnchorAcknowledgement[" + workstation + ", size=" + treeSize + ", root=" + rootHex() + ", at="
                + acknowledgedAt + "]";
    }
}
