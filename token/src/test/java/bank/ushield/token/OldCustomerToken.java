package bank.ushield.token;

import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x500.X500Name;

/** Prepares a token as an expiring customer U-shield holds it: one key pair and its certificate, expired 45 days. */
public final class OldCustomerToken {

    private OldCustomerToken() {
    }

    /** Empties the (logged-in) token, then writes the old key pair and certificate; returns the old CKA_ID. */
    public static KeyId personalise(TokenSession s, TestCa ca, X500Name subject) {
        for (TokenObject o : s.objects()) {
            if (o.id() != null) {
                s.destroyObjects(o.id());
            }
        }
        KeyPlan old = new KeyPlan(KeyId.random(), "old-ushield", KeyAlgorithm.EC_P256);
        GeneratedKey k = s.generateKeyPair(old);
        Instant now = Instant.now();
        s.writeCertificate(old.id(), old.label(), ca.issue(subject, k.publicKey(),
                now.minus(Duration.ofDays(1826 + 45)), now.minus(Duration.ofDays(45))));
        return old.id();
    }
}
