package bank.ushield.audit;

import java.util.Base64;
import java.util.HexFormat;

/** The size and root hash of the audit log's Merkle tree at one moment (unsigned; see {@link SignedTreeHead}). */
public record TreeHead(long size, byte[] rootHash) {

    public String rootHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(rootHash);
    }

    @Override
    public String toString() {
        return "TreeHead[size=" + size + ", root=" + rootHex() + "]";
    }
}
