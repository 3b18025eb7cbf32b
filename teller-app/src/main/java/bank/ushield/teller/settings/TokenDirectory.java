package bank.ushield.teller.settings;

import java.nio.file.Path;

import bank.ushield.token.ModuleListing;

/** Lists the slots and tokens a PKCS#11 module shows, for the settings screen's token choice (wired on the token module). */
@FunctionalInterface
public interface TokenDirectory {

    /** The module's slots and tokens now; slow (loads the module): call off the EDT. */
    ModuleListing list(Path module) throws Exception;
}
