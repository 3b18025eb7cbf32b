package bank.ushield.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Bench command (not a test): prints the figures in docs/performance.md ("db" section).
 * Run: mvn -q -pl db -am test-compile, then
 * mvn -q -pl db dependency:build-classpath -Dmdep.outputFile=cp.txt and
 * java [-Dbench.customers=1000] -cp db/target/test-classes:db/target/classes:$(cat db/cp.txt) bank.ushield.db.DbBench
 */
public final class DbBench {
    private DbBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("db-bench");
        Database db = Database.open(dir.resolve("bench.db"));
        PasswordHasher argon = new PasswordHasher();
        Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(dir), argon, Clock.systemUTC());

        // Argon2id with the production parameters (64 MiB, t=3, p=1): the cost of one login.
        String phc = argon.hash("warm-up".toCharArray());
        double[] argonMs = new double[7];
        for (int i = 0; i < argonMs.length; i++) {
            long t = System.nanoTime();
            argon.verify("warm-up".toCharArray(), phc);
            argonMs[i] = (System.nanoTime() - t) / 1e6;
        }
        print("argon2id verify (64 MiB, t=3, p=1)", argonMs, "ms");

        // A repository call outside a transaction borrows a pooled connection.
        double[] openMs = new double[200];
        for (int i = 0; i < openMs.length; i++) {
            long t = System.nanoTime();
            db.jdbi().useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            openMs[i] = (System.nanoTime() - t) / 1e6;
        }
        print("withHandle + SELECT 1 (pooled connection)", openMs, "ms");

        TrainingDataGenerator generator = new TrainingDataGenerator(repos);
        long t0 = System.nanoTime();
        TrainingData data = generator.generate(1, Integer.getInteger("bench.customers", 1000));
        System.out.printf("%-45s %10.0f ms for %d customers (one transaction, incl. 4 staff hashes)%n",
                "training data generator", (System.nanoTime() - t0) / 1e6, data.customers().size());

        List<String> pans = data.customers().stream().map(c -> c.cards().get(0).pan()).toList();
        double[] lookup = new double[pans.size()];
        for (int i = 0; i < lookup.length; i++) {
            long t = System.nanoTime();
            repos.cards().findByPan(pans.get(i)).orElseThrow();
            lookup[i] = (System.nanoTime() - t) / 1e6;
        }
        print("findByPan (HMAC + indexed lookup)", lookup, "ms");

        RenewalCaseRow k = repos.cases().open("BENCH-1", TrainingDataGenerator.WORKSTATION_ID, "teller01", null, null, null);
        int rows = 500;
        long t1 = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            repos.cases().recordHistory(k.id(), CaseState.OPENED, CaseState.OPENED, "bench", null);
        }
        double perSecondNew = rows / ((System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        db.jdbi().useHandle(h -> {
            for (int i = 0; i < rows; i++) {
                h.useTransaction(tx -> repos.cases().recordHistory(k.id(), CaseState.OPENED, CaseState.OPENED, "bench", null));
            }
        });
        double perSecondSame = rows / ((System.nanoTime() - t2) / 1e9);
        System.out.printf("%-45s %10.0f commits/s (handle per row), %.0f commits/s (one handle)%n",
                "history row, one commit each (sync FULL)", perSecondNew, perSecondSame);
    }

    private static void print(String what, double[] values, String unit) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("%-45s median %8.2f %s  (min %.2f, max %.2f, n=%d)%n", what, sorted[sorted.length / 2], unit,
                sorted[0], sorted[sorted.length - 1], sorted.length);
    }
}
