/**
 * Training scenarios (one data file each), their library, and the scoring of a trainee's training case against
 * the scenario's expected handling. Swing-free; the trainer screens live in teller-app.
 */
package bank.ushield.renewal.training;
