package bank.ushield.renewal;

/**
 * Where an audit entry sits in the log's Merkle tree, so a receipt can be proven later: entry number, the size and
 * root of the signed tree head that covers it (root as lower-case hex), and the short form printed on the receipt
 * ({@code entry-size-fingerprint}, checked by {@code audit verify --receipt}; docs/audit-format.md, "Receipts").
 */
public record AuditReference(long entrySequence, long treeSize, String rootHex, String code) {
}
