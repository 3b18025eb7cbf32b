/**
 * Every workstation's audit log of a branch database, as the manager reads them at one workstation: listed,
 * each verified in its own read-only session, branch sign-offs checked against the logs they name (docs/adr/0089).
 */
package bank.ushield.audit.branch;
