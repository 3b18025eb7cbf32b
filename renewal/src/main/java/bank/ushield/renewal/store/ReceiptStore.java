package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.renewal.KeyKind;
import bank.ushield.renewal.Receipt;

/** What a receipt reads besides the case: the customer's online-banking card, certificates, the closing entry. */
public final class ReceiptStore {

    /** bin and last4 of the customer's online-banking card (an ACTIVE one first). */
    public Optional<Map<String, Object>> onlineBankingCard(Handle h, long customerId) {
        return h.createQuery("""
                        SELECT bin, last4 FROM bank_card WHERE customer_id = :c AND online_banking = 1
                         ORDER BY (status = 'ACTIVE') DESC, id LIMIT 1""")
                .bind("c", customerId).mapToMap().findOne();
    }

    /** The certificate's receipt line; empty for an ABANDONED one (never the customer's, ADR 0050). */
    public Optional<Receipt.CertificateLine> certificateLine(Handle h, long id) {
        return h.createQuery("SELECT serial_hex, not_before, not_after, der FROM certificate WHERE id = :id "
                        + "AND status <> 'ABANDONED'")
                .bind("id", id)
                .map((rs, ctx) -> {
                    byte[] der = rs.getBytes("der");
                    return new Receipt.CertificateLine(rs.getString("serial_hex"),
                            Instant.parse(rs.getString("not_before")), Instant.parse(rs.getString("not_after")),
                            der == null ? null : KeyKind.ofCertificate(der));
                })
                .findOne();
    }

    /** The audit sequence number of the case's completion or abort, if closed. */
    public Optional<Long> closingAuditSeq(Handle h, long caseId) {
        return h.createQuery("SELECT closing_audit_seq FROM renewal_case_progress WHERE case_id = :id")
                .bind("id", caseId).mapTo(Long.class).findOne();
    }

    /** The name of the workstation's branch, as printed on receipts. */
    public Optional<String> branchName(Handle h, String workstationId) {
        return h.createQuery("SELECT b.name FROM workstation w JOIN branch b ON b.id = w.branch_id WHERE w.id = :id")
                .bind("id", workstationId).mapTo(String.class).findOne();
    }

    /** The exceptions a manager granted on the case, oldest first. */
    public java.util.List<Receipt.GrantedException> grantedExceptions(Handle h, long caseId) {
        return h.createQuery("""
                        SELECT exception_code, manager_login FROM manager_authorisation
                         WHERE case_id = :c AND status = 'GRANTED' ORDER BY id""")
                .bind("c", caseId)
                .map((rs, ctx) -> new Receipt.GrantedException(rs.getString(1), rs.getString(2))).list();
    }

    /** Whether the workstation is a training one. */
    public boolean trainingWorkstation(Handle h, String workstationId) {
        return h.createQuery("SELECT training FROM workstation WHERE id = :id")
                .bind("id", workstationId).mapTo(Integer.class).findOne().orElse(0) == 1;
    }
}
