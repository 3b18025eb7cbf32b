package bank.ushield.teller.settings;

import java.nio.file.Path;

import bank.ushield.renewal.readers.TokenListing;

/** Lists the slots and tokens a PKCS#11 module shows, for the settings screen's token choice (the composition root gives renewal's TokenListing::list). */
@FunctionalInterface
public interface TokenDirectory {

    /** The module's slots and tokens now; slow (loads the module): call off the EDT. */
    TokenListing list(Path module) throws Exception;
}
