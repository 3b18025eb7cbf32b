package bank.ushield.token;

import bank.ushield.token.pin.PinStatus;

/**
 * What a token says about itself (CK_TOKEN_INFO, trimmed): identity, PIN state and whether it accepts writes.
 *
 * @param reader       the reader (slot) description it sits in
 */
public record TokenInfo(String serial, String label, String model, String manufacturer, String reader,
                        PinStatus pinStatus, boolean writeProtected) {
}
