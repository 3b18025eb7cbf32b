package bank.ushield.renewal.review;

/**
 * One workstation's audit log as the branch's verify found it (docs/adr/0089).
 *
 * @param workstation the workstation's id
 * @param name        the name the branch gave it (its id when it has none)
 * @param own         whether it is the workstation the manager sits at
 * @param outcome     intact, broken from an entry, or contradicting head office
 */
public record WorkstationOutcome(String workstation, String name, boolean own, VerifyOutcome outcome) {

    /** Whether this log checked. */
    public boolean intact() {
        return outcome instanceof VerifyOutcome.Intact;
    }
}
