package bank.ushield.db;

/** What a staff member may do at the workstation: serve customers, authorise and review, or train. */
public enum StaffRole {
    TELLER, MANAGER, TRAINER
}
