package bank.ushield.teller;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import javax.swing.SwingUtilities;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bank.ushield.db.Database;
import bank.ushield.teller.login.LoginFrame;

/** Entry point of the teller workstation. */
@Command(name = "teller-app", mixinStandardHelpOptions = true,
        description = "U-shield counter renewal workstation. Starts in training mode unless a PKCS#11 module is configured.")
public final class TellerApp implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TellerApp.class);

    @Option(names = "--data-dir", description = "Data folder (default: $USHIELD_HOME or ~/.ushield-counter)")
    Path dataDir = AppPaths.defaultDataDir();

    @Option(names = "--production", description = "Production mode (needs a configured PKCS#11 module)")
    boolean production;

    public static void main(String[] args) {
        int exit = new CommandLine(new TellerApp()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        AppPaths paths = new AppPaths(dataDir, !production);
        // Look and feel before the first component, on the main thread (FlatLaf's own demo does the same).
        FlatLaf.registerCustomDefaultsSource("bank.ushield.teller.themes");
        FlatLightLaf.setup();
        Database database = Database.open(paths.databaseFile());
        LOG.info("Workstation started, training={}, database={}", paths.training(), database.file());
        SwingUtilities.invokeLater(() -> new LoginFrame(paths).showCentred());
        return 0;
    }
}
