package bank.ushield.renewal.training;

/**
 * The U-shield the customer brings in a scenario.
 *
 * @param serial                  the token's serial
 * @param mediaVoucherNo          the 10-digit number printed on the token
 * @param certificateExpiredDays  days since its certificate expired (negative: still valid that many days)
 * @param belongsToCustomer       false when the customer brings someone else's token (the "wrong token" path)
 * @param pin                     the token PIN the customer types in the scenario (training only, never real)
 * @param model                   the token model (null: a generic one); a model naming SM2 holds an SM2 key
 */
public record ScenarioToken(String serial, String mediaVoucherNo, int certificateExpiredDays,
                            boolean belongsToCustomer, String pin, String model) {

    public ScenarioToken(String serial, String mediaVoucherNo, int certificateExpiredDays, boolean belongsToCustomer,
                         String pin) {
        this(serial, mediaVoucherNo, certificateExpiredDays, belongsToCustomer, pin, null);
    }
}
