/** The persisted renewal case and the services the teller app calls (filled by the renewal issue). */
package bank.ushield.renewal;
