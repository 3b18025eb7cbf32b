package bank.ushield.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Binds the card-matching key to the database whose bank cards it hashes: the first workstation records the key's
 * check value there, and a workstation whose key differs, or whose key file is gone, is refused instead of failing to
 * match every registered card (docs/adr/0097).
 */
public final class CardMatchingKeyCheck {

    private CardMatchingKeyCheck() {
    }

    /** The recorded check value of the database's key, which workstation recorded it and when. */
    public record Recorded(String checkValue, String recordedBy, String recordedAt) {
        /** The first eight hex digits: enough to tell two keys apart in a message. */
        public String shortValue() {
            return checkValue.substring(0, 8);
        }

        /** "check value 1a2b3c4d…, recorded by workstation 0102-W01 at ..." for IT's messages and the log. */
        public String words() {
            return "check value " + shortValue() + "…, recorded by workstation " + recordedBy + " at " + recordedAt;
        }
    }

    /**
     * The data folder's key for a production start. The first start makes the key (as before) and records its check
     * value; later starts refuse a key file that is missing or differs from the recorded one, and a missing key file
     * while the database holds bank cards, rather than make a new key that would match none of them.
     *
     * @throws CardMatchingKeyRefusedException naming the file and the recorded value
     */
    public static CardMatchingKey forStart(Jdbi jdbi, Path dataFolder, String workstationId, Clock clock) {
        Path file = dataFolder.resolve(CardMatchingKey.KEY_FILE);
        return jdbi.inTransaction(h -> {
            Optional<Recorded> recorded = CardMatchingKeyStore.recorded(h);
            if (!Files.exists(file)) {
                if (recorded.isPresent()) {
                    throw new CardMatchingKeyRefusedException(CardMatchingKeyRefusedException.Reason.MISSING,
                            "The card-matching key " + file + " is missing; this database's bank cards are hashed "
                                    + "with the key of " + recorded.get().words() + ". Restore the file from the "
                                    + "workstation's backup (a new key would match none of them)");
                }
                long cards = CardMatchingKeyStore.bankCards(h);
                if (cards > 0) {
                    throw new CardMatchingKeyRefusedException(CardMatchingKeyRefusedException.Reason.MISSING,
                            "The card-matching key " + file + " is missing and this database holds " + cards(cards)
                                    + " hashed with it. Restore the file from the workstation's backup "
                                    + "(a new key would match none of them)");
                }
            }
            CardMatchingKey key = CardMatchingKey.forDataFolder(dataFolder);
            Recorded bound = recordIfAbsent(h, key, workstationId, clock);
            if (!bound.checkValue().equals(key.checkValue())) {
                throw new CardMatchingKeyRefusedException(CardMatchingKeyRefusedException.Reason.DIFFERENT,
                        "The card-matching key " + file + " (check value " + key.checkValue().substring(0, 8)
                                + "…) is not the key this database's bank cards are hashed with (" + bound.words()
                                + "). Install the branch's key (teller-app setup --card-key FILE) or restore the "
                                + "file from the workstation's backup");
            }
            return key;
        });
    }

    /**
     * Before {@code supplied} is installed at {@code workstationId}: empty when the database takes it (its value
     * recorded when none was), else why not. While the database holds no bank card, the workstation that recorded a
     * key may record another (correcting a wrong first key); any other difference is refused.
     */
    public static Optional<String> admit(Jdbi jdbi, CardMatchingKey supplied, String workstationId, Clock clock) {
        return jdbi.inTransaction(h -> {
            Recorded bound = recordIfAbsent(h, supplied, workstationId, clock);
            String value = supplied.checkValue();
            if (bound.checkValue().equals(value)) {
                return Optional.empty();
            }
            long cards = CardMatchingKeyStore.bankCards(h);
            if (cards == 0 && bound.recordedBy().equals(workstationId)) {
                CardMatchingKeyStore.replace(h, new Recorded(value, workstationId, clock.instant().toString()));
                return Optional.empty();
            }
            String theirs = "this database's bank cards are hashed with the key of " + bound.words();
            return Optional.of("this key (check value " + value.substring(0, 8) + "…) is not the branch's: " + theirs
                    + (cards > 0 ? "; " + cards(cards) + " would stop matching"
                    : "; if that key is the wrong one, install the branch's key at " + bound.recordedBy() + " first")
                    + ". Use the same key file as on the branch's other workstations");
        });
    }

    /** How many bank cards the database holds, hashed with its key: a key change would orphan them. */
    public static long bankCards(Jdbi jdbi) {
        return jdbi.withHandle(CardMatchingKeyStore::bankCards);
    }

    /** The recorded value, if any workstation has recorded one. */
    public static Optional<Recorded> recorded(Jdbi jdbi) {
        return jdbi.withHandle(CardMatchingKeyStore::recorded);
    }

    private static String cards(long n) {
        return n + (n == 1 ? " bank card" : " bank cards");
    }

    private static Recorded recordIfAbsent(Handle h, CardMatchingKey key, String workstationId, Clock clock) {
        CardMatchingKeyStore.recordIfAbsent(h, new Recorded(key.checkValue(), workstationId,
                clock.instant().toString()));
        return CardMatchingKeyStore.recorded(h).orElseThrow();
    }
}
