package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.TrainingCustomer;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.ReplacementReason;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.teller.home.CaseSummary;
import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.wizard.TrainingFixture;

/** The teller's list of unfinished cases says which one is a token replacement, in both languages (ADR 0077). */
class ResumableReplacementLineTest {

    @TempDir
    Path dir;

    @Test
    void anUnfinishedReplacementSaysSoInTheListAndARenewalDoesNot() {
        try (TrainingFixture fixture = TrainingFixture.create(dir, Clock.systemUTC())) {
            TrainingCustomer c = fixture.expired45();
            RenewalService s = fixture.workstation().renewals(fixture.teller(TrainingWorld.TRAINING_TELLER));
            RenewalCase replacing = s.open(c.customerNo());
            s.verifyId(replacing.id(), TrainingFixture.document(c));
            s.verifyCard(replacing.id(), new PresentedCard(TrainingFixture.onlineCard(c), false));
            s.chooseReplacement(replacing.id(), ReplacementReason.FAULTY);

            RenewalTellerDesk desk = new RenewalTellerDesk(fixture::workstation);
            List<CaseSummary> pending = desk.pending(TrainingWorld.TRAINING_TELLER);
            CaseSummary line = pending.stream().filter(p -> p.caseId() == replacing.id()).findFirst().orElseThrow();
            assertThat(line.replacement()).isTrue();
            assertThat(desk.today(TrainingWorld.TRAINING_TELLER)).filteredOn(p -> p.caseId() == replacing.id())
                    .allMatch(CaseSummary::replacement);
            try {
                Texts.setLanguage(Language.ENGLISH);
                assertThat(TellerHome.line(line, java.time.ZoneId.systemDefault())).contains("token replacement").contains(replacing.caseNo());
                assertThat(TellerHome.line(withoutReplacement(line), java.time.ZoneId.systemDefault())).doesNotContain("replacement");
                Texts.setLanguage(Language.CHINESE);
                assertThat(TellerHome.line(line, java.time.ZoneId.systemDefault())).contains("U盾换新").contains(replacing.caseNo());
                assertThat(TellerHome.line(withoutReplacement(line), java.time.ZoneId.systemDefault())).doesNotContain("换新");
            } finally {
                Texts.setLanguage(Language.CHINESE);
            }
        }
    }

    private static CaseSummary withoutReplacement(CaseSummary c) {
        return new CaseSummary(c.caseId(), c.caseNo(), c.customer(), c.state(), c.updatedAt());
    }
}
