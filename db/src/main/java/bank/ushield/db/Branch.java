package bank.ushield.db;

/** A bank branch (its code and name). */
public record Branch(String id, String name) {
}
