package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.CaseState;
import bank.ushield.idverification.online.CitizenAnswer.Result;
import bank.ushield.idverification.online.SimulatedCitizenVerification;
import bank.ushield.idverification.online.SimulatedCitizenVerification.Answer;
import bank.ushield.idverification.online.TimeLimitedVerification;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** 联网核查 at the ID step: each answer's effect on the case and on the audit trail (real SQLite file). */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class OnlineVerificationTest {

    @Parameter
    bank.ushield.db.Engine engine;


    /** A photo whose bytes are easy to look for in the log. */
    private static final byte[] PHOTO = "PHOTO-ON-RECORD-BYTES-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String PHOTO_SHA256 = sha256(PHOTO);

    TestWorld world;
    SimulatedCitizenVerification sim;
    RenewalService teller;
    RenewalCase c;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) {
        world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION),
                Instant.parse("2026-11-25T02:00:00Z"));
        sim = new SimulatedCitizenVerification(Answer.of(Result.NOT_FOUND));
        OnlineVerification online = new OnlineVerification(new TimeLimitedVerification(sim, Duration.ofMillis(500)));
        teller = new RenewalCases(world.parts(new FakeTokenDesk(), null).withOnline(online), TestWorld.TELLER);
        c = teller.open("C000123");
    }

    @Test
    void aMatchShowsThePhotoAndTheCaseMovesOnlyOnceTheTellerConfirmsThePerson() {
        sim.answer(TestWorld.ID_NUMBER, Answer.match("张三").withPhoto(PHOTO));
        OnlineCheck check = teller.verifyOnline(c.id(), TestWorld.idCard());
        assertThat(check.status()).isEqualTo(OnlineCheck.Status.MATCH);
        assertThat(check.photo()).contains(PHOTO);
        assertThat(check.problem()).isNull();

        Outcome unconfirmed = teller.verifyId(c.id(), TestWorld.idCard(), false);
        assertThat(unconfirmed).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.PERSON_NOT_CONFIRMED));
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.OPENED);

        Outcome confirmed = teller.verifyId(c.id(), TestWorld.idCard(), true);
        assertThat(confirmed).isInstanceOf(Outcome.Advanced.class);
        assertThat(confirmed.renewalCase().state()).isEqualTo(CaseState.ID_VERIFIED);
        assertThat(world.journal.types(c.id())).containsExactly("CASE_OPENED", "CASE_ONLINE_VERIFICATION",
                "CASE_ID_VERIFIED");
        assertThat(world.journal.rows(c.id()).get(1)).contains("result=MATCH", "photoOnRecordSha256=" + PHOTO_SHA256,
                "photoOnRecordBytes=" + PHOTO.length, "document=1101**********002X", "name=张*");
        assertThat(world.journal.rows(c.id()).get(2)).contains("online=MATCH", "personMatchesPhoto=true",
                "photoOnRecordSha256=" + PHOTO_SHA256);
        assertNoPhotoBytesInTheLog();
        assertThat(sim.calls()).isEqualTo(1);
    }

    @Test
    void theIdStepNeedsTheOnlineAnswerFirstForAResidentIdCard() {
        Outcome o = teller.verifyId(c.id(), TestWorld.idCard(), true);
        assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_CHECK_REQUIRED));
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.OPENED);
        // an answer about another number does not count for this one
        sim.answer("110105194912310037", Answer.match(null));
        teller.verifyOnline(c.id(), new PresentedDocument("RESIDENT_ID", "110105194912310037", "张三", null, null, null,
                false));
        assertThat(teller.verifyId(c.id(), TestWorld.idCard(), true)).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_CHECK_REQUIRED));
    }

    @Test
    void aNameMismatchStopsTheCaseAndNoManagerCanOverrideIt() {
        sim.answer(TestWorld.ID_NUMBER, Answer.match("张叁"));
        OnlineCheck check = teller.verifyOnline(c.id(), TestWorld.idCard());
        assertThat(check.status()).isEqualTo(OnlineCheck.Status.NAME_MISMATCH);
        assertThat(check.stopsCase()).isTrue();
        assertThat(check.photo()).isEmpty();
        assertThat(check.problem().code()).isEqualTo(ProblemCode.ONLINE_NAME_MISMATCH);

        Outcome o = teller.verifyId(c.id(), TestWorld.idCard(), true);
        assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_NAME_MISMATCH));
        assertThat(o.renewalCase().awaitingManager()).isFalse();
        assertThat(world.journal.types(c.id())).containsExactly("CASE_OPENED", "CASE_ONLINE_VERIFICATION",
                "CASE_CHECK_FAILED");
        assertThat(world.journal.rows(c.id()).get(1)).contains("FAILURE", "result=NAME_MISMATCH")
                .doesNotContain("photoOnRecordSha256");
        assertThat(world.journal.rows(c.id()).get(2)).contains("code=ONLINE_NAME_MISMATCH", "check=IDENTITY");
        assertThatThrownBy(() -> teller.authorise(c.id(), "ONLINE_NAME_MISMATCH", "manager1",
                "manager1-pw".toCharArray(), "customer is known to us"))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOTHING_PENDING));
        RenewalCase closed = teller.abort(c.id(), AbortReason.ID_CHECK_FAILED);
        assertThat(closed.state()).isEqualTo(CaseState.ABORTED);
    }

    @Test
    void aNumberNotFoundAndALostDocumentAreRefusedWithTheirOwnProblem() {
        OnlineCheck notFound = teller.verifyOnline(c.id(), TestWorld.idCard()); // the simulator's default answer
        assertThat(notFound.status()).isEqualTo(OnlineCheck.Status.NOT_FOUND);
        assertThat(teller.verifyId(c.id(), TestWorld.idCard(), true)).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_NOT_FOUND));

        sim.answer(TestWorld.ID_NUMBER, Answer.of(Result.DOCUMENT_LOST_OR_INVALID));
        assertThat(teller.verifyOnline(c.id(), TestWorld.idCard()).status())
                .isEqualTo(OnlineCheck.Status.DOCUMENT_INVALID);
        assertThat(teller.verifyId(c.id(), TestWorld.idCard(), true)).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_DOCUMENT_INVALID));
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.OPENED);
        assertThat(world.journal.rows(c.id())).filteredOn(r -> r.startsWith("CASE_CHECK_FAILED"))
                .extracting(r -> r.replaceAll(".*code=(\\w+).*", "$1"))
                .containsExactly("ONLINE_NUMBER_NOT_FOUND", "ONLINE_DOCUMENT_INVALID");
    }

    @Test
    void anUnavailableServiceCanBeRetriedThenNeedsAManagerWithAReason() {
        sim.answer(TestWorld.ID_NUMBER, Answer.match("张三").slow(Duration.ofSeconds(20)));
        OnlineCheck timedOut = teller.verifyOnline(c.id(), TestWorld.idCard());
        assertThat(timedOut.status()).isEqualTo(OnlineCheck.Status.UNAVAILABLE);
        assertThat(timedOut.problem().code()).isEqualTo(ProblemCode.ONLINE_UNAVAILABLE);
        sim.answer(TestWorld.ID_NUMBER, Answer.failing());
        assertThat(teller.verifyOnline(c.id(), TestWorld.idCard()).status()).isEqualTo(OnlineCheck.Status.UNAVAILABLE);
        assertThat(world.journal.rows(c.id())).filteredOn(r -> r.startsWith("CASE_ONLINE_VERIFICATION"))
                .satisfiesExactly(r -> assertThat(r).contains("result=UNAVAILABLE", "timed out"),
                        r -> assertThat(r).contains("result=UNAVAILABLE", "IllegalStateException"));

        Outcome held = teller.verifyId(c.id(), TestWorld.idCard(), false);
        assertThat(held).isInstanceOfSatisfying(Outcome.HeldForManager.class,
                h -> assertThat(h.exceptionCode()).isEqualTo("ONLINE_UNAVAILABLE"));
        assertThatThrownBy(() -> teller.authorise(c.id(), "ONLINE_UNAVAILABLE", "manager1",
                "manager1-pw".toCharArray(), "  "))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_REASON_REQUIRED));
        assertThat(teller.find(c.id()).awaitingManager()).isTrue();
        Outcome granted = teller.authorise(c.id(), "ONLINE_UNAVAILABLE", "manager1", "manager1-pw".toCharArray(),
                "service down branch-wide; customer known, card photo checked");
        assertThat(granted.renewalCase().state()).isEqualTo(CaseState.ID_VERIFIED);
        assertThat(world.journal.rows(c.id())).anySatisfy(r -> assertThat(r).startsWith("CASE_EXCEPTION_AUTHORISED")
                .contains("reason=service down branch-wide"));
        assertThat(world.journal.rows(c.id())).anySatisfy(r -> assertThat(r).startsWith("CASE_AUTHORISATION_REFUSED")
                .contains("AUTH_REASON_REQUIRED"));
    }

    @Test
    void aRetryThatMatchesReplacesTheOutage() {
        sim.answer(TestWorld.ID_NUMBER, Answer.of(Result.UNAVAILABLE));
        assertThat(teller.verifyOnline(c.id(), TestWorld.idCard()).status()).isEqualTo(OnlineCheck.Status.UNAVAILABLE);
        sim.answer(TestWorld.ID_NUMBER, Answer.match("张三"));
        assertThat(teller.verifyOnline(c.id(), TestWorld.idCard()).status()).isEqualTo(OnlineCheck.Status.MATCH);
        assertThat(teller.verifyId(c.id(), TestWorld.idCard(), true).renewalCase().state())
                .isEqualTo(CaseState.ID_VERIFIED);
    }

    @Test
    void otherDocumentsAreNotCheckedOnline() {
        PresentedDocument passport = new PresentedDocument("PASSPORT", "E12345678", "张三", null, null, null, false);
        assertThat(teller.verifyOnline(c.id(), passport).status()).isEqualTo(OnlineCheck.Status.NOT_REQUIRED);
        assertThat(sim.calls()).isZero();
        teller.verifyId(c.id(), passport, false); // the stand-in rules refuse it; the online check is not asked
        assertThat(sim.calls()).isZero();
    }

    @Test
    void withoutAServiceTheIdStepIsAsBefore() {
        RenewalService plain = world.service(TestWorld.TELLER2, new FakeTokenDesk());
        teller.abort(c.id(), AbortReason.OPENED_IN_ERROR);
        RenewalCase other = plain.open("C000123");
        assertThat(plain.verifyOnline(other.id(), TestWorld.idCard()).status())
                .isEqualTo(OnlineCheck.Status.NOT_REQUIRED);
        assertThat(plain.verifyId(other.id(), TestWorld.idCard()).renewalCase().state())
                .isEqualTo(CaseState.ID_VERIFIED);
    }

    private void assertNoPhotoBytesInTheLog() {
        String hex = HexFormat.of().formatHex(PHOTO);
        String b64 = java.util.Base64.getEncoder().encodeToString(PHOTO);
        assertThat(world.journal.rows(c.id())).allSatisfy(r -> assertThat(r)
                .doesNotContain("PHOTO-ON-RECORD").doesNotContain(hex).doesNotContain(b64));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
