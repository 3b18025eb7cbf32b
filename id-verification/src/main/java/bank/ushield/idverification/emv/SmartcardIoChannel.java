package bank.ushield.idverification.emv;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import java.io.IOException;

/** {@link ApduChannel} over a javax.smartcardio channel (PC/SC desk reader). */
public final class SmartcardIoChannel implements ApduChannel {

    private final CardChannel channel;

    public SmartcardIoChannel(CardChannel channel) {
        this.channel = channel;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException | IllegalArgumentException e) {
            throw new IOException("APDU exchange failed", e);
        }
    }
}
