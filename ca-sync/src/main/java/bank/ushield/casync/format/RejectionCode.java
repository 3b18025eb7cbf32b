package bank.ushield.casync.format;

/** Why a batch file was refused as a whole; each code has a message a branch operator can act on. */
public enum RejectionCode {
    /** The file is larger than the configured limit; it was not read. */
    TOO_LARGE,
    /** The file could not be read (permissions, I/O error); it was quarantined rather than retried at every sync. */
    UNREADABLE,
    /** The file is empty or does not start like a DER/BER CMS structure. */
    NOT_CMS,
    /** The outer DER length announces more bytes than the file has. */
    TRUNCATED,
    /** Bytes follow the end of the CMS structure. */
    TRAILING_DATA,
    /** The CMS signer is not the pinned (trusted) certificate. */
    WRONG_SIGNER,
    /** The CMS signature or content digest does not verify with the pinned certificate. */
    BAD_SIGNATURE,
    /** Signed, but the payload is not a valid batch (JSON, counts, encodings). */
    MALFORMED,
    /** A payload version this release does not read. */
    UNSUPPORTED_VERSION,
    /** A request batch where a response was expected, or the reverse. */
    WRONG_KIND,
    /** The batch is addressed to another workstation. */
    WRONG_RECIPIENT,
    /** The sequence number was already used by a different batch. */
    REPLAY,
    /** One or more batches before this one are missing. */
    GAP,
    /** An item refers to a key that matches no pending request of this workstation. */
    UNKNOWN_KEY,
    /** An item answers a request that was already answered. */
    ALREADY_ANSWERED,
    /** An issued certificate is not signed by a CA of the batch's chain. */
    BAD_CERTIFICATE,
    /** A customer extract's card hashes were made with another card-matching key than this workstation's. */
    CARD_KEY_MISMATCH,
    /** A customer extract gives a document, card, token or certificate to another customer than this database. */
    CONFLICT
}
