package bank.ushield.renewal.review;

/** A workstation of the branch as the review's filter and columns name it: its id and the name the branch gave it. */
public record ReviewWorkstation(String id, String name, boolean own) {

    /** The name, and the id after it when they differ ("Counter 3 (0102-W03)"). */
    public String label() {
        return name == null || name.equals(id) ? id : name + " (" + id + ")";
    }
}
