package bank.ushield.db;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Bank cards. A card number goes in and is reduced at once to BIN, last four, length and its keyed hash
 * ({@link CardMatchingKey}); the full number is never written. A presented card is found by the same hash.
 */
public final class BankCardRepository {
    private static final RowMapper<BankCard> CARD = ShapeKeptRowMapper.of(BankCard.class);

    private final Jdbi jdbi;
    private final CardMatchingKey panHasher;
    private final Clock clock;

    public BankCardRepository(Jdbi jdbi, CardMatchingKey panHasher, Clock clock) {
        this.jdbi = jdbi;
        this.panHasher = panHasher;
        this.clock = clock;
    }

    /** Registers a card for a customer from its full number (which is not stored). */
    public BankCard insert(long customerId, CharSequence pan, CardKind kind, boolean onlineBanking, CardStatus status) {
        String digits = CardMatchingKey.digitsOf(pan);
        String hmac = panHasher.hash(digits);
        long id = Sql.checked("Bank card " + Masking.card(digits.substring(0, 6), digits.substring(digits.length() - 4)),
                () -> jdbi.withHandle(h -> h.createUpdate(
                                "INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, online_banking, "
                                        + "status, created_at) VALUES (:c, :bin, :last4, :len, :hmac, :kind, :online, :status, :now)")
                        .bind("c", customerId).bind("bin", digits.substring(0, 6))
                        .bind("last4", digits.substring(digits.length() - 4)).bind("len", digits.length())
                        .bind("hmac", hmac).bind("kind", kind).bind("online", onlineBanking).bind("status", status)
                        .bind("now", clock.instant())
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    public Optional<BankCard> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM bank_card WHERE id = :id")
                .bind("id", id).map(CARD).findOne());
    }

    /** The card with this number, if registered (matched by keyed hash). */
    public Optional<BankCard> findByPan(CharSequence pan) {
        String hmac = panHasher.hash(pan);
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM bank_card WHERE pan_hmac = :hmac")
                .bind("hmac", hmac).map(CARD).findOne());
    }

    /** A customer's cards, oldest first. */
    public List<BankCard> ofCustomer(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM bank_card WHERE customer_id = :c ORDER BY id")
                .bind("c", customerId).map(CARD).list());
    }

    public void updateStatus(long cardId, CardStatus status) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE bank_card SET status = :s WHERE id = :id")
                .bind("s", status).bind("id", cardId).execute());
    }

    public void setOnlineBanking(long cardId, boolean enabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE bank_card SET online_banking = :o WHERE id = :id")
                .bind("o", enabled).bind("id", cardId).execute());
    }
}
