package bank.ushield.idverification.emv;

/** The card returned data that is not well-formed BER-TLV. */
public class MalformedTlvException extends RuntimeException {
    public MalformedTlvException(String message) {
        super(message);
    }
}
