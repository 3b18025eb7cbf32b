package bank.ushield.db;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL of the recorded card-matching key check value (V5) and the bank-card count that decides a key change. */
final class CardMatchingKeyStore {

    private static final org.jdbi.v3.core.mapper.RowMapper<CardMatchingKeyCheck.Recorded> RECORDED =
            ShapeKeptRowMapper.of(CardMatchingKeyCheck.Recorded.class);

    private CardMatchingKeyStore() {
    }

    static Optional<CardMatchingKeyCheck.Recorded> recorded(Handle h) {
        return h.createQuery("SELECT check_value, recorded_by, recorded_at FROM card_matching_key_check WHERE id = 1")
                .map(RECORDED).findOne();
    }

    /** Records the value unless one is recorded already (a racing workstation's record wins). */
    static void recordIfAbsent(Handle h, CardMatchingKeyCheck.Recorded r) {
        h.createUpdate("INSERT INTO card_matching_key_check (id, check_value, recorded_by, recorded_at) "
                        + "VALUES (1, :checkValue, :recordedBy, :recordedAt) ON CONFLICT (id) DO NOTHING")
                .bindMethods(r).execute();
    }

    /** Replaces the recorded value (only while no bank card is hashed with the old key). */
    static void replace(Handle h, CardMatchingKeyCheck.Recorded r) {
        h.createUpdate("UPDATE card_matching_key_check SET check_value = :checkValue, recorded_by = :recordedBy, "
                        + "recorded_at = :recordedAt WHERE id = 1")
                .bindMethods(r).execute();
    }

    static long bankCards(Handle h) {
        return h.createQuery("SELECT count(*) FROM bank_card").mapTo(Long.class).one();
    }
}
