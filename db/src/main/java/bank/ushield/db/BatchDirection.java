package bank.ushield.db;

/** OUT: a request batch the workstation sends to head office; IN: a response batch it receives. */
public enum BatchDirection {
    OUT, IN
}
