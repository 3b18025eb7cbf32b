package bank.ushield.renewal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;

/**
 * Everything a {@link RenewalService} stands on, built once per workstation by the wiring package (or by a test).
 * {@code token} and {@code headOffice} may be null where a setup has no reader or no head-office link; the steps
 * that need them then report NOT_AVAILABLE_IN_THIS_SETUP. {@code branchZone} is the configured branch time zone
 * (the eligibility policy's): it makes instants into the branch's days. {@code online} (联网核查) may be null: no
 * online check of identity documents in that setup. {@code replacement} is the bank's policy for token replacements
 * (null: no fee). {@code keyPolicy} may be null: every renewal makes the token desk's configured key.
 */
public record RenewalParts(Jdbi jdbi, Clock clock, String workstationId, CaseJournal journal,
                           CustomerDirectory customers, CustomerChecks checks, StaffDirectory staff,
                           TokenDesk token, HeadOfficeLink headOffice, AuditProofs proofs, ZoneId branchZone,
                           OnlineVerification online, ReplacementPolicy replacement, KeyPolicy keyPolicy) {
    public RenewalParts {
        replacement = replacement == null ? ReplacementPolicy.NO_FEE : replacement;
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(workstationId, "workstationId");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(branchZone, "branchZone");
    }

    /** Parts with online verification (null: none), no replacement fee and no key policy. */
    public RenewalParts(Jdbi jdbi, Clock clock, String workstationId, CaseJournal journal, CustomerDirectory customers,
                        CustomerChecks checks, StaffDirectory staff, TokenDesk token, HeadOfficeLink headOffice,
                        AuditProofs proofs, ZoneId branchZone, OnlineVerification online) {
        this(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs, branchZone, online,
                null, null);
    }

    /** The same parts with this replacement policy. */
    public RenewalParts withReplacementPolicy(ReplacementPolicy policy) {
        return new RenewalParts(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs,
                branchZone, online, policy, keyPolicy);
    }

    /** The same parts choosing each renewal's key by this policy (null: the token desk's configured algorithm). */
    public RenewalParts withKeyPolicy(KeyPolicy policy) {
        return new RenewalParts(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs,
                branchZone, online, replacement, policy);
    }

    /** Parts without online verification of identity documents. */
    public RenewalParts(Jdbi jdbi, Clock clock, String workstationId, CaseJournal journal, CustomerDirectory customers,
                        CustomerChecks checks, StaffDirectory staff, TokenDesk token, HeadOfficeLink headOffice,
                        AuditProofs proofs, ZoneId branchZone) {
        this(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs, branchZone, null);
    }

    /** The same parts with online verification (null: none). */
    public RenewalParts withOnline(OnlineVerification onlineVerification) {
        return new RenewalParts(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs,
                branchZone, onlineVerification, replacement, keyPolicy);
    }

    /** Parts in the default branch zone (tests, training). */
    public RenewalParts(Jdbi jdbi, Clock clock, String workstationId, CaseJournal journal, CustomerDirectory customers,
                        CustomerChecks checks, StaffDirectory staff, TokenDesk token, HeadOfficeLink headOffice,
                        AuditProofs proofs) {
        this(jdbi, clock, workstationId, journal, customers, checks, staff, token, headOffice, proofs,
                bank.ushield.db.Branch.DEFAULT_ZONE);
    }
}
