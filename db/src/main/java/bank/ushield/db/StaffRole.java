package bank.ushield.db;

/**
 * What a staff member may do at the workstation: serve customers, authorise and review, train, or (IT support)
 * set the workstation up and change its settings.
 */
public enum StaffRole {
    TELLER, MANAGER, TRAINER, IT
}
