package bank.ushield.token;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a PKCS#11 module shows: the library's own description and its readers (slots) with the token in each, for
 * a settings screen that lets an administrator pick the token to use.
 *
 * @param library      the library path as given
 * @param manufacturer CK_INFO manufacturerID, e.g. "SoftHSM"
 * @param description  CK_INFO libraryDescription
 * @param version      library version, e.g. "2.6"
 * @param slots        every slot the module reports, with or without a token
 */
public record ModuleListing(Path library, String manufacturer, String description, String version,
                            List<Slot> slots) {

    public ModuleListing {
        slots = List.copyOf(slots);
    }

    /** The initialised tokens present now. */
    public List<TokenInfo> tokens() {
        return slots.stream().flatMap(s -> s.token().stream()).toList();
    }

    /**
     * One reader (slot).
     *
     * @param reader       the slot description
     * @param tokenPresent whether a token is in the reader
     * @param token        the token's identity when present and initialised (a blank token has none)
     * @param algorithms   the key algorithms the workstation can make on that token (its mechanisms, and for SM2
     *                     a vendor profile that fits it); empty without a token
     */
    public record Slot(String reader, boolean tokenPresent, Optional<TokenInfo> token, Set<KeyAlgorithm> algorithms) {
        public Slot {
            algorithms = Set.copyOf(algorithms);
        }
    }
}
