package bank.ushield.renewal.receipt;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import bank.ushield.db.Masking;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.AuditReference;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.Receipt;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalParts;

/** Builds the {@link Receipt} of a case from the database, masking personal data on the way. */
public final class ReceiptBuilder {

    private final RenewalParts parts;

    public ReceiptBuilder(RenewalParts parts) {
        this.parts = parts;
    }

    public Receipt build(RenewalCase c) {
        CustomerSummary customer = parts.customers().byId(c.customerId())
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND, c.customerId()));
        return parts.jdbi().withHandle(h -> {
            Optional<Map<String, Object>> card = h.createQuery("""
                            SELECT bin, last4 FROM bank_card WHERE customer_id = :c AND online_banking = 1
                             ORDER BY (status = 'ACTIVE') DESC, id LIMIT 1""")
                    .bind("c", c.customerId()).mapToMap().findOne();
            Receipt.CertificateLine oldCert = certificate(h, c.oldCertificateId());
            Receipt.CertificateLine newCert = certificate(h, c.newCertificateId());
            Long closingSeq = h.createQuery("SELECT closing_audit_seq FROM renewal_case_progress WHERE case_id = :id")
                    .bind("id", c.id()).mapTo(Long.class).findOne().orElse(null);
            boolean training = h.createQuery("SELECT training FROM workstation WHERE id = :id")
                    .bind("id", c.workstationId()).mapTo(Integer.class).findOne().orElse(0) == 1;
            AuditReference ref = closingSeq == null || parts.proofs() == null ? null
                    : parts.proofs().referenceFor(closingSeq).orElse(null);
            String serial = c.tokenSerial() != null ? c.tokenSerial()
                    : customer.token() == null ? null : customer.token().serial();
            return new Receipt(c.caseNo(), c.workstationId(), c.tellerLogin(), parts.clock().instant(),
                    Masking.name(customer.name()), Masking.idNumber(customer.primaryDocNumber()),
                    card.map(m -> Masking.card((String) m.get("bin"), (String) m.get("last4"))).orElse(null),
                    serial, customer.token() == null ? null : customer.token().mediaVoucherNo(),
                    oldCert, newCert, c.state(), c.abortReason(), nextStep(c), ref, training);
        });
    }

    private static Receipt.CertificateLine certificate(org.jdbi.v3.core.Handle h, Long id) {
        if (id == null) {
            return null;
        }
        // An abandoned certificate (case closed before it was installed, ADR 0050) is not the customer's: not shown.
        return h.createQuery("SELECT serial_hex, not_before, not_after FROM certificate WHERE id = :id "
                        + "AND status <> 'ABANDONED'")
                .bind("id", id)
                .map((rs, ctx) -> new Receipt.CertificateLine(rs.getString("serial_hex"),
                        Instant.parse(rs.getString("not_before")), Instant.parse(rs.getString("not_after"))))
                .findOne().orElse(null);
    }

    static Receipt.NextStep nextStep(RenewalCase c) {
        return switch (c.state()) {
            case COMPLETED -> Receipt.NextStep.DONE;
            case ABORTED -> c.abortReason() == AbortReason.TOKEN_FAULT && c.installStartedAt() != null
                    ? Receipt.NextStep.REPLACE_TOKEN : Receipt.NextStep.NOT_RENEWED;
            case CSR_QUEUED, KEY_GENERATED -> Receipt.NextStep.COME_BACK_OR_DOWNLOAD;
            case CERT_RECEIVED -> Receipt.NextStep.COME_BACK_TO_INSTALL;
            default -> Receipt.NextStep.IN_PROGRESS;
        };
    }
}
