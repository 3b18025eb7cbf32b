package bank.ushield.idverification.online;

/**
 * The port to the public-security citizen verification service (联网核查公民身份信息系统): does this ID number exist,
 * does the name match it, is the document reported lost or invalid, and the photo on record. One method, so a
 * bank's integration team can implement it over whatever channel the bank has.
 */
@FunctionalInterface
public interface CitizenVerification {

    /**
     * Asks about one document. An adapter should report an outage, a refused connection or an unreadable reply as
     * {@link CitizenAnswer#unavailable(String)}; {@link TimeLimitedVerification} also turns a slow answer and any
     * exception into that, so callers never wait for ever nor see an adapter's exception.
     */
    CitizenAnswer verify(CitizenQuery query);
}
