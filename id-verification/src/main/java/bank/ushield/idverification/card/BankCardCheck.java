package bank.ushield.idverification.card;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.PanHasher;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Text;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static bank.ushield.idverification.Finding.Check.BANK_CARD;

/**
 * The bank-card check: the number is well formed (13-19 digits, Luhn), its BIN is the bank's own and its length
 * fits the BIN, the card is registered to this customer (keyed hash match), has online banking, and is neither
 * lost, closed nor frozen; a chip-read expiry must not have passed.
 */
public final class BankCardCheck {

    private final BinTable bins;
    private final Set<String> ownIssuerCodes;
    private final PanHasher hasher;
    private final EvidenceMasker masker;

    public BankCardCheck(BinTable bins, Set<String> ownIssuerCodes, PanHasher hasher, EvidenceMasker masker) {
        this.bins = bins;
        this.ownIssuerCodes = Set.copyOf(ownIssuerCodes);
        this.hasher = hasher;
        this.masker = masker;
    }

    /** The shipped BIN table with ICBC as the own bank and the default masking. */
    public static BankCardCheck icbc(PanHasher hasher) {
        return new BankCardCheck(BinTable.shipped(), Set.of("ICBC"), hasher, EvidenceMasker.DEFAULT);
    }

    /** Normalises group separators (ASCII spaces and hyphens) away; everything else is judged as it is. */
    public static String normalise(String pan) {
        if (pan == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(pan.length(), 64));
        for (int i = 0; i < pan.length(); i++) {
            char c = pan.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            b.append(c);
            if (b.length() > 64) {
                break; // longer than any PAN; no need to copy the rest
            }
        }
        return b.toString();
    }

    /** The number alone: format, Luhn, BIN and length; no customer involved. */
    public Finding checkNumber(String presented) {
        Map<String, String> ev = new LinkedHashMap<>();
        return numberFailure(normalise(presented), ev).orElseGet(() -> Finding.pass(BANK_CARD, ev));
    }

    /** The full check on a visit date. */
    public Finding check(CardData card, CustomerRecord customer, LocalDate visit) {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("source", card.source().name());
        String pan = normalise(card.pan());
        Optional<Finding> bad = numberFailure(pan, ev);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (card.expiry().isPresent()) {
            ev.put("cardExpiry", card.expiry().get().toString().substring(0, 7));
            if (card.expiry().get().isBefore(visit)) {
                return Finding.fail(BANK_CARD, ReasonCode.CARD_EXPIRED, ev);
            }
        }
        String hash = hasher.hash(pan);
        Optional<CustomerRecord.Card> registered = customer.cards().stream()
                .filter(c -> constantTimeEquals(c.panHmac(), hash))
                .findFirst();
        if (registered.isEmpty()) {
            return Finding.fail(BANK_CARD, ReasonCode.CARD_NOT_CUSTOMERS, ev);
        }
        CustomerRecord.Card c = registered.get();
        ev.put("cardKind", c.kind().name());
        ev.put("cardStatus", c.status().name());
        ev.put("onlineBanking", Boolean.toString(c.onlineBanking()));
        switch (c.status()) {
            case LOST:
                return Finding.fail(BANK_CARD, ReasonCode.CARD_REPORTED_LOST, ev);
            case CLOSED:
                return Finding.fail(BANK_CARD, ReasonCode.CARD_CLOSED, ev);
            case FROZEN:
                return Finding.fail(BANK_CARD, ReasonCode.CARD_FROZEN, ev);
            default:
                break;
        }
        if (!c.onlineBanking()) {
            return Finding.fail(BANK_CARD, ReasonCode.CARD_NO_ONLINE_BANKING, ev);
        }
        return Finding.pass(BANK_CARD, ev);
    }

    private Optional<Finding> numberFailure(String pan, Map<String, String> ev) {
        if (pan.length() < 13 || pan.length() > 19 || !Text.isAsciiDigits(pan)) {
            ev.put("card", "<" + pan.length() + " characters, not a card number>");
            return Optional.of(Finding.fail(BANK_CARD, ReasonCode.CARD_NUMBER_FORMAT, ev));
        }
        ev.put("card", masker.cardNumber(pan));
        if (!Luhn.isValid(pan)) {
            return Optional.of(Finding.fail(BANK_CARD, ReasonCode.CARD_CHECK_DIGIT, ev));
        }
        Optional<BinEntry> bin = bins.lookup(pan);
        if (bin.isEmpty()) {
            return Optional.of(Finding.fail(BANK_CARD, ReasonCode.CARD_ISSUER_UNKNOWN, ev));
        }
        ev.put("issuer", bin.get().issuerKnown() ? bin.get().issuerCode() : bin.get().issuerName());
        ev.put("scheme", bin.get().scheme());
        if (!bin.get().lengths().contains(pan.length())) {
            return Optional.of(Finding.fail(BANK_CARD, ReasonCode.CARD_LENGTH_FOR_BIN, ev));
        }
        if (!ownIssuerCodes.contains(bin.get().issuerCode())) {
            return Optional.of(Finding.fail(BANK_CARD, ReasonCode.CARD_NOT_OWN_BANK, ev));
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                b.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
