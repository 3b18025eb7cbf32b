package bank.ushield.renewal.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import bank.ushield.db.Customer;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Gender;
import bank.ushield.db.IdentityDocument;
import bank.ushield.idverification.Sex;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.document.GaT467TextBlock;
import bank.ushield.idverification.document.IdCardData;
import bank.ushield.idverification.document.IdCardReadException;
import bank.ushield.idverification.emv.EmvCardReader;

/** The simulated readers speak the real formats: the GA/T 467 parser and the EMV reader read them unchanged. */
class TrainingReadersTest {

    private static final Customer ZHANG = new Customer(1, "TR0001000001", "张三", LocalDate.of(1949, 12, 31), Gender.F,
            null, Instant.EPOCH);

    @Test
    void theTrainingIdCardIsAGaT467BlockTheParserReads() throws Exception {
        IdentityDocument longTerm = new IdentityDocument(1, 1, IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "张三",
                LocalDate.of(2010, 1, 1), null, true);
        var raw = TrainingIdCard.raw(ZHANG, longTerm);
        IdCardData d = GaT467TextBlock.parse(raw.text(), raw.photo());
        assertThat(d.name()).isEqualTo("张三");
        assertThat(d.number()).isEqualTo("11010519491231002X");
        assertThat(d.sex()).isEqualTo(Sex.FEMALE);
        assertThat(d.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(d.validFrom()).isEqualTo(LocalDate.of(2010, 1, 1));
        assertThat(d.validTo()).isEmpty();
        assertThat(d.photo()).hasSize(GaT467TextBlock.PHOTO_LENGTH);

        IdentityDocument tenYears = new IdentityDocument(1, 1, IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "张三",
                LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1), true);
        var raw2 = TrainingIdCard.raw(ZHANG, tenYears);
        assertThat(GaT467TextBlock.parse(raw2.text(), raw2.photo()).validTo()).contains(LocalDate.of(2030, 1, 1));
    }

    @Test
    void aPassportIsNotReadByTheIdCardReader() {
        IdentityDocument passport = new IdentityDocument(1, 1, IdentityDocumentType.PASSPORT, "E12345678", "张三",
                LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1), true);
        assertThatThrownBy(() -> TrainingIdCard.raw(ZHANG, passport)).isInstanceOf(IdCardReadException.class);
    }

    @Test
    void theTrainingChipCardIsReadByTheRealEmvReader() throws Exception {
        LocalDate today = LocalDate.of(2026, 11, 25);
        for (String pan : new String[] {"6222021234567890128", "6222021234567896"}) {
            CardData card = new EmvCardReader(new TrainingChipCard(pan, LocalDate.of(2029, 11, 30)), () -> today).read();
            assertThat(card.pan()).isEqualTo(pan);
            assertThat(card.source()).isEqualTo(CardData.Source.CHIP);
            assertThat(card.expiry()).contains(LocalDate.of(2029, 11, 30));
            assertThat(card.panSequence()).contains(1);
        }
    }

    @Test
    void withoutAStagedCardTheChipReadSaysSoAndProductionRefusesStaging() {
        DeskReaders none = DeskReaders.none();
        assertThat(none.idReaderAvailable()).isFalse();
        assertThat(none.chipReaderAvailable()).isFalse();
        DeskReaders production = DeskReaders.production(Optional.empty(), Optional.empty(), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> production.stageCard("TR1", "6222021234567890128"))
                .isInstanceOf(IllegalStateException.class);
    }
}
