package bank.ushield.db;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** U-shields registered to customers. */
public final class TokenRepository {
    private static final RowMapper<RegisteredToken> TOKEN = ShapeKeptRowMapper.of(RegisteredToken.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public TokenRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Registers a token to a customer; the serial must be new. {@code mediaVoucherNo} is 10 digits or null. */
    public RegisteredToken insert(String serial, String mediaVoucherNo, String model, String manufacturer,
                                  long customerId, TokenStatus status) {
        long id = Sql.checked("Token " + serial, () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO token (serial, media_voucher_no, model, manufacturer, customer_id, status, registered_at) "
                                + "VALUES (:serial, :mv, :model, :maker, :c, :status, :now)")
                .bind("serial", serial).bind("mv", mediaVoucherNo).bind("model", model).bind("maker", manufacturer)
                .bind("c", customerId).bind("status", status).bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    public Optional<RegisteredToken> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM token WHERE id = :id")
                .bind("id", id).map(TOKEN).findOne());
    }

    /** The token with the serial read from the device. */
    public Optional<RegisteredToken> findBySerial(String serial) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM token WHERE serial = :s")
                .bind("s", serial).map(TOKEN).findOne());
    }

    /** The token with the media voucher number printed on it. */
    public Optional<RegisteredToken> findByMediaVoucherNo(String mediaVoucherNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM token WHERE media_voucher_no = :mv")
                .bind("mv", mediaVoucherNo).map(TOKEN).findOne());
    }

    /** A customer's tokens, oldest first. */
    public List<RegisteredToken> ofCustomer(long customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM token WHERE customer_id = :c ORDER BY id")
                .bind("c", customerId).map(TOKEN).list());
    }

    public void updateStatus(long tokenId, TokenStatus status) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE token SET status = :s WHERE id = :id")
                .bind("s", status).bind("id", tokenId).execute());
    }
}
