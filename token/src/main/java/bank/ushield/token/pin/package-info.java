/** The PIN-prompt port: what a token asks of the UI when it needs a PIN (the only token types screens see). */
package bank.ushield.token.pin;
