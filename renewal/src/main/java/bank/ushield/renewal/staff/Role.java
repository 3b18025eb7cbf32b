package bank.ushield.renewal.staff;

/** The role a member of staff logged in with; chooses the home screen. */
public enum Role {
    TELLER, MANAGER, TRAINER
}
