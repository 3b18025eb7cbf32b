package bank.ushield.idverification;

/**
 * The workstation's keyed hash of a card number (HMAC-SHA256 with the matching key, hex), the same function the
 * db used to fill {@code bank_card.pan_hmac}. The key stays with the caller; this module only compares.
 */
@FunctionalInterface
public interface PanHasher {
    String hash(String pan);
}
