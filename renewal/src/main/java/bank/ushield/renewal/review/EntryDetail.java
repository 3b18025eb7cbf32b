package bank.ushield.renewal.review;

import java.time.Instant;
import java.util.List;

/**
 * The selected entry with its masked details and its inclusion proof against the latest signed tree head.
 *
 * @param detailsJson  canonical JSON, personal data masked
 * @param leafHashHex  the entry's leaf hash
 * @param treeSize     size of the signed tree head the proof is against (0: no signed head yet)
 * @param rootHex      that head's root
 * @param signedAt     when that head was signed
 * @param proofHex     the audit path, leaf side first
 * @param proofChecked whether the path recomputes the signed root (and the head's signature checks)
 */
public record EntryDetail(ReviewRow row, String detailsJson, String leafHashHex, long treeSize, String rootHex,
                          Instant signedAt, List<String> proofHex, boolean proofChecked) {

    public EntryDetail {
        proofHex = List.copyOf(proofHex);
    }

    /** Whether the entry is newer than the latest signed head (no proof possible yet). */
    public boolean afterLatestHead() {
        return row.seq() >= treeSize;
    }
}
