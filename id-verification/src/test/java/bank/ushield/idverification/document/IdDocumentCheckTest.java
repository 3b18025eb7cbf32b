package bank.ushield.idverification.document;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Sex;
import bank.ushield.idverification.TestCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IdDocumentCheckTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    private static final String ID = "11010519491231002X";
    private final IdDocumentCheck check = IdDocumentCheck.withDefaults();

    private static CustomerRecord.Document registered(DocumentType type, String number, String name) {
        return new CustomerRecord.Document(type, number, name, Optional.of(LocalDate.of(2010, 1, 1)), Optional.empty());
    }

    private static TestCustomer zhang() {
        return TestCustomer.zhang().withDocuments(registered(DocumentType.RESIDENT_ID, ID, "张三"));
    }

    private static DocumentToCheck card() {
        return DocumentToCheck.typed(DocumentType.RESIDENT_ID, ID, "张三").withValidity(LocalDate.of(2010, 1, 1), null);
    }

    @Test
    void aReadCardOfTheCustomerPassesWithMaskedEvidence() {
        Finding r = check.check(new SamIdCardReader(() -> new SamIdCardReader.RawCard(
                GaT467Samples.zhangSan().text(), GaT467Samples.photo())), zhang(), VISIT);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.evidence()).containsEntry("document", "1101**********002X").containsEntry("name", "张*")
                .containsEntry("source", "ID_CARD_READER").containsEntry("validTo", "LONG_TERM");
        assertThat(r.evidence().values()).noneMatch(v -> v.contains("19491231"));

        Finding typed = check.check(new ManualIdCardEntry(() -> new ManualIdCardEntry.Form("张 三", "女",
                "19491231", "11010519491231002x", "2010-01-01", "长期")), zhang(), VISIT);
        assertThat(typed.verdict()).isEqualTo(Verdict.PASS);
        assertThat(typed.evidence()).containsEntry("source", "MANUAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"张三", "张 三", " 张三 ", "张\u3000三", "\uFF5A"})
    void namesAreComparedAfterWidthAndSpaceNormalisation(String presented) {
        var customer = presented.equals("\uFF5A")
                ? TestCustomer.zhang().withDocuments(registered(DocumentType.RESIDENT_ID, ID, "Z"))
                : zhang();
        var doc = new DocumentToCheck(DocumentType.RESIDENT_ID, ID, presented, Optional.empty(), Optional.empty(),
                Optional.of(LocalDate.of(2010, 1, 1)), Optional.empty(), true, Optional.empty(),
                DocumentToCheck.Source.MANUAL);
        assertThat(check.check(doc, customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void foreignAndMinorityNamesMatchAcrossDotAndCaseVariants() {
        var customer = TestCustomer.zhang().withDocuments(
                new CustomerRecord.Document(DocumentType.PASSPORT, "L898902C3", "ERIKSSON ANNA MARIA",
                        Optional.empty(), Optional.of(LocalDate.of(2030, 1, 1))),
                registered(DocumentType.RESIDENT_ID, ID, "阿依古丽·买买提"));
        var passport = new DocumentToCheck(DocumentType.PASSPORT, "l898902c3", "Eriksson  Anna Maria",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2030, 1, 1)), false,
                Optional.of("SWE"), DocumentToCheck.Source.MANUAL);
        assertThat(check.check(passport, customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
        var idCard = DocumentToCheck.typed(DocumentType.RESIDENT_ID, ID, "阿依古丽・买买提")
                .withValidity(LocalDate.of(2010, 1, 1), null);
        assertThat(check.check(idCard, customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aMismatchNamesTheField() {
        var other = DocumentToCheck.typed(DocumentType.RESIDENT_ID, ID, "李四").withValidity(LocalDate.of(2010, 1, 1), null);
        Finding name = check.check(other, zhang(), VISIT);
        assertThat(name.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(name.reason()).isEqualTo(ReasonCode.MISMATCH_NAME);
        assertThat(name.evidence()).containsEntry("mismatch", "NAME");

        String otherId = "110105194912310011";
        String valid = otherId.substring(0, 17) + Mod112.checkCharacter(otherId.substring(0, 17));
        Finding number = check.check(DocumentToCheck.typed(DocumentType.RESIDENT_ID, valid, "张三")
                .withValidity(LocalDate.of(2010, 1, 1), null), zhang(), VISIT);
        assertThat(number.reason()).isEqualTo(ReasonCode.MISMATCH_DOCUMENT_NUMBER);
        assertThat(number.evidence()).containsEntry("mismatch", "DOCUMENT_NUMBER");

        var customerBornElsewhen = new TestCustomer("C2", "张三", Optional.of(LocalDate.of(1950, 1, 1)),
                zhang().documents(), java.util.List.of(), java.util.List.of());
        Finding birth = check.check(card(), customerBornElsewhen, VISIT);
        assertThat(birth.reason()).isEqualTo(ReasonCode.MISMATCH_BIRTH_DATE);
        assertThat(birth.evidence()).containsEntry("mismatch", "BIRTH_DATE");

        var wrongSex = new DocumentToCheck(DocumentType.RESIDENT_ID, ID, "张三", Optional.of(Sex.MALE),
                Optional.empty(), Optional.of(LocalDate.of(2010, 1, 1)), Optional.empty(), true, Optional.empty(),
                DocumentToCheck.Source.ID_CARD_READER);
        assertThat(check.check(wrongSex, zhang(), VISIT).evidence()).containsEntry("mismatch", "SEX");
    }

    @Test
    void aLegacyRegisteredNumberMatchesTheEighteenDigitCard() {
        var customer = TestCustomer.zhang().withDocuments(registered(DocumentType.RESIDENT_ID, "110105491231002", "张三"));
        assertThat(check.check(card(), customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
        var legacyCard = DocumentToCheck.typed(DocumentType.RESIDENT_ID, "110105491231002", "张三")
                .withValidity(LocalDate.of(2010, 1, 1), null);
        Finding r = check.check(legacyCard, zhang(), VISIT);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.reason()).isEqualTo(ReasonCode.LEGACY_NUMBER_CONVERTED);
    }

    @Test
    void anExpiredIdCardNeedsAManagerAndAnExpiredOtherDocumentToo() {
        var expired = DocumentToCheck.typed(DocumentType.RESIDENT_ID, "110105198001010011", "王五");
        String body = "11010519800101001";
        String id = body + Mod112.checkCharacter(body);
        var customer = new TestCustomer("C3", "王五", Optional.of(LocalDate.of(1980, 1, 1)),
                java.util.List.of(registered(DocumentType.RESIDENT_ID, id, "王五")), java.util.List.of(), java.util.List.of());
        var card = DocumentToCheck.typed(DocumentType.RESIDENT_ID, id, "王五")
                .withValidity(LocalDate.of(2006, 10, 1), LocalDate.of(2026, 10, 1));
        Finding r = check.check(card, customer, VISIT);
        assertThat(r.verdict()).isEqualTo(Verdict.NEEDS_MANAGER);
        assertThat(r.reason()).isEqualTo(ReasonCode.DOCUMENT_EXPIRED);
        assertThat(r.evidence()).containsEntry("validTo", "2026-10-01");
        assertThat(expired.number()).isNotEmpty();

        var permitCustomer = TestCustomer.zhang().withDocuments(new CustomerRecord.Document(DocumentType.HK_MACAU_PERMIT,
                "H12345678", "张三", Optional.empty(), Optional.of(LocalDate.of(2026, 1, 1))));
        var permit = DocumentToCheck.typed(DocumentType.HK_MACAU_PERMIT, "H12345678", "张三")
                .withValidity(LocalDate.of(2016, 1, 1), LocalDate.of(2026, 1, 1));
        assertThat(check.check(permit, permitCustomer, VISIT).reason()).isEqualTo(ReasonCode.DOCUMENT_EXPIRED);
    }

    @Test
    void aMissingValidityIsAFailureForTypedCards() {
        var typed = DocumentToCheck.typed(DocumentType.RESIDENT_ID, ID, "张三");
        assertThat(check.check(typed, zhang(), VISIT).reason()).isEqualTo(ReasonCode.DOCUMENT_VALIDITY_MISSING);
        var household = DocumentToCheck.typed(DocumentType.HOUSEHOLD_REGISTER, ID, "张三");
        assertThat(check.check(household, zhang(), VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anUnreadableCardFailsWithTheReadProblem() {
        Finding r = check.check((IdCardReader) () -> {
            throw new IdCardReadException(IdCardReadException.Problem.NO_READER, "reader not connected");
        }, zhang(), VISIT);
        assertThat(r.reason()).isEqualTo(ReasonCode.ID_CARD_READ_FAILED);
        assertThat(r.evidence()).containsEntry("readProblem", "NO_READER");
    }
}
