package bank.ushield.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The token as found at the start of a renewal (logged in, so private keys are visible).
 *
 * @param customerKeyIds CKA_IDs of the key pairs on the token: the ones the new key pair supersedes
 */
public record TokenSnapshot(TokenInfo info, List<TokenObject> objects, Set<KeyId> customerKeyIds) {

    static TokenSnapshot of(TokenInfo info, List<TokenObject> objects) {
        Set<KeyId> ids = new LinkedHashSet<>();
        for (TokenObject o : objects) {
            if (o.kind() != ObjectKind.CERTIFICATE && o.id() != null) {
                ids.add(o.id());
            }
        }
        return new TokenSnapshot(info, List.copyOf(objects), Set.copyOf(ids));
    }
}
