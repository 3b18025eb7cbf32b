package bank.ushield.token;

/** The kinds of token objects the workstation cares about. */
public enum ObjectKind { PRIVATE_KEY, PUBLIC_KEY, CERTIFICATE }
