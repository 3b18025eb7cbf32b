package bank.ushield.db;

/** Sex as printed on the identity document (GB 11643: odd sequence digit male, even female). */
public enum Gender {
    M, F
}
