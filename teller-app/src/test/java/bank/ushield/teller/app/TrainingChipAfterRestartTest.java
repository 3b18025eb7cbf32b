package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.readers.DocumentRead;
import bank.ushield.renewal.readers.TrainingChipCards;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;

/**
 * The app's training wiring, started twice on the same data folder: the second start generates nothing, yet the
 * simulated chip presents the training customers' cards (from the training folder's fixture file) and they pass
 * the card check, which knows the cards only by keyed hash.
 */
class TrainingChipAfterRestartTest {

    @Test
    void theSimulatedChipPresentsTrainingCustomersCardsAfterARestart(@TempDir Path dataDir) throws Exception {
        Clock clock = Clock.systemUTC();
        AppPaths paths = new AppPaths(dataDir, true);
        // customers 5, 12 and 40 of the app's training seed: plain ones (1 to 4 are the edge cases)
        List<String> customers = List.of("TR0101000005", "TR0101000012", "TR0101000040");
        String[] firstRead = new String[customers.size()];
        DomainWiring first = DomainWiring.start(paths, Settings.defaults(), clock);
        try (RenewalWorkstation ws = first.renewal()) {
            for (int i = 0; i < customers.size(); i++) {
                firstRead[i] = first.readers().readChip(customers.get(i)).pan();
            }
        }
        assertThat(Files.exists(paths.modeDir().resolve(TrainingChipCards.FILE_NAME))).isTrue();
        assertThat(Files.exists(dataDir.resolve("production").resolve(TrainingChipCards.FILE_NAME))).isFalse();

        DomainWiring again = DomainWiring.start(paths, Settings.defaults(), clock);
        try (RenewalWorkstation ws = again.renewal()) {
            RenewalService teller = ws.renewals(ws.login("teller01", "train-1234".toCharArray()));
            for (int i = 0; i < customers.size(); i++) {
                String customerNo = customers.get(i);
                PresentedCard card = again.readers().readChip(customerNo);
                assertThat(card.pan()).as(customerNo).isEqualTo(firstRead[i]);
                assertThat(card.fromChip()).isTrue();
                RenewalCase c = teller.open(customerNo);
                DocumentRead id = again.readers().readIdCard(customerNo);
                PresentedDocument doc = id.document();
                assertThat(teller.verifyId(c.id(), doc)).as(customerNo).isInstanceOf(Outcome.Advanced.class);
                assertThat(teller.verifyCard(c.id(), card)).as(customerNo).isInstanceOf(Outcome.Advanced.class);
                teller.abort(c.id(), bank.ushield.renewal.AbortReason.CUSTOMER_WITHDREW);
            }
        }
    }
}
