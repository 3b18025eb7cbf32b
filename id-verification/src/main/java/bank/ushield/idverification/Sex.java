package bank.ushield.idverification;

/** Sex as ID numbers and the customer record encode it (odd sequence = male). */
public enum Sex { MALE, FEMALE }
