package bank.ushield.db;

/** State of a certificate known to the workstation: the current one, one replaced by a renewal, or revoked. */
public enum CertificateStatus {
    ACTIVE, SUPERSEDED, REVOKED
}
