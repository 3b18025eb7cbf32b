package bank.ushield.db;

/**
 * State of a certificate known to the workstation: the current one, one replaced by a renewal, revoked, or
 * abandoned (issued for a renewal that was closed before the certificate became the customer's; its revocation is
 * requested from head office, see docs/adr/0050).
 */
public enum CertificateStatus {
    ACTIVE, SUPERSEDED, REVOKED, ABANDONED
}
