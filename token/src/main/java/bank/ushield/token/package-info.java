/**
 * The U-shield token: the {@link bank.ushield.token.TokenPort} port with its PKCS#11 adapter
 * ({@code bank.ushield.token.pkcs11}) and simulated adapter ({@code bank.ushield.token.simulated}), and the
 * re-personalisation steps ({@link bank.ushield.token.Repersonalisation}) the renewal case drives one by one.
 */
package bank.ushield.token;
