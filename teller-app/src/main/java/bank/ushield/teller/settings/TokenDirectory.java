package bank.ushield.teller.settings;

import java.nio.file.Path;
import java.util.List;

/** Lists the tokens a PKCS#11 module shows, for the settings screen's token choice (wired on the token module). */
@FunctionalInterface
public interface TokenDirectory {

    /** Labels of the tokens present now; slow (loads the module): call off the EDT. */
    List<String> tokenLabels(Path module) throws Exception;
}
