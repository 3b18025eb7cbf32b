/** The U-shield token port with its PKCS#11 and simulated adapters (filled by the token issue). */
package bank.ushield.token;
