package bank.ushield.db;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: fills a training database with generated customers, cards, tokens and staff. */
@Command(name = "training-data", mixinStandardHelpOptions = true,
        description = "Creates or refreshes training data (customers, cards, tokens, certificates, staff) in a training database.")
public final class TrainingDataCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, description = "The training database file (created if missing).")
    private Path db;

    @Option(names = "--customers", defaultValue = "40", description = "How many customers (default ${DEFAULT-VALUE}).")
    private int customers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed gives the same data (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--data-dir", description = "Folder of the card-matching key (default: the database's folder).")
    private Path dataDir;

    @Option(names = "--show-card-numbers", description = "Print full card numbers (for the trainer's sheet).")
    private boolean showCardNumbers;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainingDataCommand()).execute(args));
    }

    @Override
    public Integer call() {
        Path folder = dataDir != null ? dataDir : db.toAbsolutePath().getParent();
        Database database = Database.open(db);
        Repositories repos = new Repositories(database, CardMatchingKey.forDataFolder(folder), new PasswordHasher(),
                Clock.systemUTC());
        TrainingData data = new TrainingDataGenerator(repos).generate(seed, customers);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Training database %s: branch %s, workstation %s, staff %s (password %s)%n", db, data.branchId(),
                data.workstationId(), String.join(", ", data.staffLogins()), TrainingDataGenerator.TRAINING_PASSWORD);
        out.printf("%-12s %-6s %-18s %-24s %-16s %-10s %6s  %s%n", "customer", "name", "ID number", "card",
                "token serial", "voucher", "days", "edge");
        for (TrainingCustomer c : data.customers()) {
            TrainingCard card = c.cards().get(0);
            String cardText = showCardNumbers ? card.pan()
                    : Masking.card(card.pan().substring(0, 6), card.pan().substring(card.pan().length() - 4));
            out.printf("%-12s %-6s %-18s %-24s %-16s %-10s %6d  %s%n", c.customerNo(), c.name(), c.idNumber(), cardText,
                    c.tokenSerial(), c.mediaVoucherNo(), c.daysSinceExpiry(),
                    c.edges().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        out.flush();
        return 0;
    }
}
