package bank.ushield.casync;

/** The steps of applying a verified response batch, in order; tests inject faults between them. */
public enum ImportStep {
    /** The batch row was inserted. */
    BATCH_RECORDED,
    /** CA certificates stored. */
    CA_CHAIN_STORED,
    /** CRLs stored. */
    CRLS_STORED,
    /** Issued certificates recorded and passed to the listener. */
    CERTIFICATES_RECORDED,
    /** Rejections recorded and passed to the listener. */
    REJECTIONS_RECORDED,
    /** Reference-data updates recorded and passed to the listener. */
    TOKEN_UPDATES_RECORDED,
    /** The audit event was appended; the transaction commits next. */
    AUDITED
}
