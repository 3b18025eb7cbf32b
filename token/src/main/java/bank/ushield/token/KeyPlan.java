package bank.ushield.token;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The new key pair to make: its CKA_ID and label are chosen before generation so the caller can persist them and,
 * after a crash, find the pending key by id instead of making a second one.
 */
public record KeyPlan(KeyId id, String label, KeyAlgorithm algorithm) {

    public KeyPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** A fresh plan: random CKA_ID, label "ushield-YYYYMMDD-xxxxxxxx". */
    public static KeyPlan fresh(KeyAlgorithm algorithm, LocalDate today) {
        KeyId id = KeyId.random();
        String label = "ushield-" + today.toString().replace("-", "") + "-" + id.hex().substring(0, 8);
        return new KeyPlan(id, label, algorithm);
    }
}
