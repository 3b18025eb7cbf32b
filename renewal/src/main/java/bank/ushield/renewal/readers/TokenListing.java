package bank.ushield.renewal.readers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import bank.ushield.renewal.KeyKind;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.ModuleListing;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.pkcs11.Pkcs11Directory;
import bank.ushield.token.pkcs11.VendorProfiles;

/**
 * The token readers (slots) a PKCS#11 module shows and the token in each, for the settings screen's token choice:
 * the token module's listing as renewal values, so the screen need not see the token module.
 *
 * @param manufacturer the module's manufacturer, e.g. "SoftHSM"
 * @param slots        every slot the module reports, with or without a token
 */
public record TokenListing(String manufacturer, List<Slot> slots) {

    public TokenListing {
        slots = List.copyOf(slots);
    }

    /**
     * Lists the module's slots and tokens now through the token module; slow (loads the module): call off the EDT.
     * Throws the token module's exception when the file is no PKCS#11 module (the error explainer knows it).
     */
    public static TokenListing list(Path module) {
        return of(Pkcs11Directory.list(module));
    }

    /** As {@link #list(Path)}, with SM2 shown where one of IT's vendor profiles in {@code profiles} (or a shipped one) fits. */
    public static TokenListing list(Path module, Path profiles) {
        return of(Pkcs11Directory.list(module, VendorProfiles.load(profiles)));
    }

    static TokenListing of(ModuleListing listing) {
        return new TokenListing(listing.manufacturer(), listing.slots().stream()
                .map(s -> new Slot(s.reader(), s.tokenPresent(), s.token().map(t -> token(t, s.algorithms()))))
                .toList());
    }

    private static Token token(TokenInfo t, Set<KeyAlgorithm> algorithms) {
        List<KeyKind> kinds = algorithms.stream().sorted().map(a -> switch (a) {
            case RSA_2048 -> KeyKind.RSA_2048;
            case EC_P256 -> KeyKind.EC_P256;
            case SM2 -> KeyKind.SM2;
        }).toList();
        return new Token(t.serial(), t.label(), t.model(), t.manufacturer(), kinds);
    }

    /** The initialised tokens present now. */
    public List<Token> tokens() {
        return slots.stream().flatMap(s -> s.token().stream()).toList();
    }

    /** One reader (slot); {@code token} is empty when none is present or the token is blank (not initialised). */
    public record Slot(String reader, boolean tokenPresent, Optional<Token> token) {
    }

    /**
     * What a token says about itself, as far as choosing it goes.
     *
     * @param algorithms the keys the workstation can make on it (by its mechanisms and the vendor profiles)
     */
    public record Token(String serial, String label, String model, String manufacturer, List<KeyKind> algorithms) {
        public Token {
            algorithms = List.copyOf(algorithms);
        }

        /** The algorithms as the settings screen lists them, e.g. "RSA-2048, EC P-256". */
        public String algorithmWords() {
            return String.join(", ", algorithms.stream().map(KeyKind::label).toList());
        }
    }
}
