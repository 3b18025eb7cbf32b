/**
 * The counter's ID card reader and bank card chip reader, chosen per mode: simulated in training (the staged
 * customer's document as GA/T 467 bytes, a chip card that answers APDUs), PC/SC and a configured vendor ID reader in
 * production. Swing-free; the wizard's read actions call {@link bank.ushield.renewal.readers.DeskReaders}.
 */
package bank.ushield.renewal.readers;
