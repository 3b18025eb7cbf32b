package bank.ushield.renewal.receipt;

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
import bank.ushield.renewal.Replacement;
import bank.ushield.renewal.store.ReceiptStore;
import bank.ushield.renewal.store.ReplacementStore;

/** Builds the {@link Receipt} of a case from the database, masking personal data on the way. */
public final class ReceiptBuilder {

    private final RenewalParts parts;
    private final ReceiptStore store = new ReceiptStore();
    private final ReplacementStore replacements = new ReplacementStore();

    public ReceiptBuilder(RenewalParts parts) {
        this.parts = parts;
    }

    public Receipt build(RenewalCase c) {
        CustomerSummary customer = parts.customers().byId(c.customerId())
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND, c.customerId()));
        return parts.jdbi().withHandle(h -> {
            Optional<Map<String, Object>> card = store.onlineBankingCard(h, c.customerId());
            Receipt.CertificateLine oldCert = certificate(h, c.oldCertificateId());
            Receipt.CertificateLine newCert = certificate(h, c.newCertificateId());
            Long closingSeq = store.closingAuditSeq(h, c.id()).orElse(null);
            boolean training = store.trainingWorkstation(h, c.workstationId());
            AuditReference ref = closingSeq == null || parts.proofs() == null ? null
                    : parts.proofs().referenceFor(closingSeq).orElse(null);
            String serial = c.tokenSerial() != null ? c.tokenSerial()
                    : customer.token() == null ? null : customer.token().serial();
            String voucher = customer.token() == null ? null : customer.token().mediaVoucherNo();
            Receipt.ReplacementLine replacement = null;
            Optional<Replacement> r = replacements.find(h, c.id());
            if (r.isPresent()) {
                // the receipt names the new token; the old one is named with what became of it
                serial = r.get().newSerial();
                voucher = r.get().newVoucherNo();
                replacement = new Receipt.ReplacementLine(r.get().reason(), r.get().oldSerial(),
                        r.get().oldTokenOutcome(), r.get().fee(), r.get().feeCurrency());
            }
            return new Receipt(c.caseNo(), c.workstationId(), c.tellerLogin(), parts.clock().instant(),
                    Masking.name(customer.name()), Masking.idNumber(customer.primaryDocNumber()),
                    card.map(m -> Masking.card((String) m.get("bin"), (String) m.get("last4"))).orElse(null),
                    serial, voucher, oldCert, newCert, c.state(), c.abortReason(), nextStep(c), ref, training,
                    store.branchName(h, c.workstationId()).orElse(null), store.grantedExceptions(h, c.id()),
                    replacement);
        });
    }

    private Receipt.CertificateLine certificate(org.jdbi.v3.core.Handle h, Long id) {
        if (id == null) {
            return null;
        }
        // An abandoned certificate (case closed before it was installed, ADR 0050) is not the customer's: not shown.
        return store.certificateLine(h, id).orElse(null);
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
