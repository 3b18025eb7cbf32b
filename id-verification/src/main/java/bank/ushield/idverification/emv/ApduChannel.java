package bank.ushield.idverification.emv;

import java.io.IOException;

/**
 * The APDU exchange with a card, small enough to replay in tests: one command APDU in, the response data with
 * SW1 SW2 at its end out. The javax.smartcardio adapter implements it for a real reader.
 */
@FunctionalInterface
public interface ApduChannel {
    byte[] transmit(byte[] command) throws IOException;
}
