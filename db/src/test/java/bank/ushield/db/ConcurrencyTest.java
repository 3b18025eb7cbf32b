package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class ConcurrencyTest {

    @Parameter
    Engine engine;

    private static final int ROWS = 500;

    @Test
    void twoWritersOnSeparateConnectionsLoseNothing(DatabaseFile file, PostgresDatabase pg) throws Exception {
        String url = engine == Engine.SQLITE ? null : pg.freshSchemaUrl();
        Fixtures f = engine == Engine.SQLITE ? new Fixtures(file.path()) : new Fixtures(Database.open(Fixtures.settings(url, pg)));
        RenewalCaseRow k = f.openCase("K-1");
        // A second Database on the same file: its own data source, so its own connections (as a second process would).
        Database second = engine == Engine.SQLITE ? Database.open(file.path())
                : Database.open(Fixtures.settings(url, pg).forWorkstation("0102-W02"));
        List<Database> writers = List.of(f.db, second);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Database db = writers.get(w);
                String actor = "writer-" + w;
                done.add(pool.submit(() -> {
                    start.await();
                    RenewalCaseRepository cases = new RenewalCaseRepository(db.jdbi(), f.clock);
                    for (int i = 0; i < ROWS; i++) {
                        // one transaction per row, as the app writes: they interleave with the other writer
                        int n = i;
                        db.jdbi().useTransaction(tx -> cases.recordHistory(k.id(), CaseState.OPENED, CaseState.OPENED, actor, "row " + n));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> d : done) {
                d.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        f.db.jdbi().useHandle(h -> {
            if (engine == Engine.SQLITE) {
                assertThat(h.createQuery("PRAGMA integrity_check").mapTo(String.class).one()).isEqualTo("ok");
            }
            for (int w = 0; w < 2; w++) {
                List<String> reasons = h.createQuery("SELECT reason FROM case_state_history WHERE actor = :a ORDER BY id")
                        .bind("a", "writer-" + w).mapTo(String.class).list();
                assertThat(reasons).hasSize(ROWS);
                // each writer's rows are in its own order and complete
                for (int i = 0; i < ROWS; i++) {
                    assertThat(reasons.get(i)).isEqualTo("row " + i);
                }
            }
        });
        assertThat(f.repos.cases().history(k.id())).hasSize(2 * ROWS + 1);
    }
}
