/**
 * 联网核查: online verification of a citizen identity document against the public-security citizen database. The
 * service's protocol is not public, so this is a port ({@link bank.ushield.idverification.online.CitizenVerification})
 * a bank's integration team implements over its own channel, a time limit around any adapter, and a simulator for
 * training and tests. See docs/id-verification.md ("Online verification").
 */
package bank.ushield.idverification.online;
