package bank.ushield.renewal.staff;

/** The role of the account a member of staff logged in with; chooses the home screen and what Settings allows. */
public enum Role {
    TELLER, MANAGER, TRAINER, IT;

    /** May change the workstation's settings (PKCS#11 module, head-office folders, workstation id) and sync now. */
    public boolean administers() {
        return this == MANAGER || this == IT;
    }
}
