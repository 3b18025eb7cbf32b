package bank.ushield.db;

import java.time.Instant;

/** A U-shield as registered to a customer in the bank's records (not the device itself: see the token module). */
public record RegisteredToken(long id, String serial, String mediaVoucherNo, String model, String manufacturer,
                              long customerId, TokenStatus status, Instant registeredAt) {
}
