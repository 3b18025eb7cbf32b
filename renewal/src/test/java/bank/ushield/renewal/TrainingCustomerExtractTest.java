package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.CustomerExtract.ExtractDocument;
import bank.ushield.casync.format.CustomerExtract.ExtractToken;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/** A trainer's customer extract, made by the training head office, arrives with the next sync (ADR 0055). */
class TrainingCustomerExtractTest {

    @Test
    void aTrainersExtractArrivesWithTheSyncAndTheCustomerIsFound(@TempDir Path dir) throws Exception {
        Seed.site(dir, TrainingWorkstationTest.CLOCK);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256,
                TrainingWorkstationTest.CLOCK)) {
            // The trainer's tool opens the same head-office folder as the running workstation.
            HeadOfficeSimulator trainer = HeadOfficeSimulator.open(dir.resolve("head-office"), TrainingWorkstationTest.CLOCK);
            CardMatchingKey key = CardMatchingKey.forDataFolder(dir);
            trainer.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(key), List.of(new ExtractCustomer(
                    "C0777", "赵六", "1949-12-31", "F", null,
                    List.of(new ExtractDocument("RESIDENT_ID", "11010519491231002X", "赵六", "2010-01-01", null, true)),
                    List.of(ExtractCard.of(Seed.PAN, key, CardKind.DEBIT, true, CardStatus.ACTIVE)),
                    List.of(new ExtractToken("SIM0000000000777", null, "U1", "Sim", "ACTIVE", null, List.of())))),
                    dir.resolve("sync").resolve("inbox"));
            StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());

            HeadOfficeLink.SyncReport report = ws.renewals(teller).syncNow();

            assertThat(report.detail(java.util.Locale.ENGLISH)).contains("1 customers from head-office extract CUS-0102-00000001");
            assertThat(report.detail(java.util.Locale.SIMPLIFIED_CHINESE)).contains("总行客户数据 CUS-0102-00000001：1 位客户");
            RenewalCase c = ws.renewals(teller).open("11010519491231002X");
            assertThat(ws.repositories().customers().find(c.customerId()).orElseThrow().customerNo()).isEqualTo("C0777");
            assertThat(ws.repositories().cards().findByPan(Seed.PAN)).isPresent();
        }
    }
}
