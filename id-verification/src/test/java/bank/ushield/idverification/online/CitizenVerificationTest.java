package bank.ushield.idverification.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import bank.ushield.idverification.online.CitizenAnswer.Result;
import bank.ushield.idverification.online.SimulatedCitizenVerification.Answer;

class CitizenVerificationTest {

    private static final String ZHANG = "11010519491231002X";
    private static final String LI = "440524188001010014";

    private final SimulatedCitizenVerification sim = new SimulatedCitizenVerification(Answer.of(Result.NOT_FOUND));
    private final CitizenVerification service = new TimeLimitedVerification(sim, Duration.ofSeconds(5));

    @Test
    void aMatchReturnsThePhotoOnRecordAndItsHash() {
        byte[] photo = {1, 2, 3};
        sim.answer(ZHANG, Answer.match("张三").withPhoto(photo));
        CitizenAnswer a = service.verify(new CitizenQuery(ZHANG, "张三"));
        assertThat(a.result()).isEqualTo(Result.MATCH);
        assertThat(a.photoOnRecord()).contains(photo);
        assertThat(a.photoSha256()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        assertThat(a.toString()).doesNotContain("张").contains("3 bytes");
    }

    @Test
    void aMatchWithoutAConfiguredPhotoReturnsTheStandInPicture() {
        sim.answer(ZHANG, Answer.match(null));
        assertThat(service.verify(new CitizenQuery(ZHANG, "anyone")).photoOnRecord().orElseThrow())
                .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void anotherNameThanTheOneOnRecordIsANameMismatchWithoutPhoto() {
        sim.answer(ZHANG, Answer.match("张三"));
        CitizenAnswer a = service.verify(new CitizenQuery(ZHANG, "张四"));
        assertThat(a.result()).isEqualTo(Result.NAME_MISMATCH);
        assertThat(a.photoOnRecord()).isEmpty();
        assertThat(a.photoSha256()).isEmpty();
    }

    @Test
    void numbersNotConfiguredGetTheDefaultAnswerAndLostDocumentsAreReported() {
        sim.answer(LI, Answer.of(Result.DOCUMENT_LOST_OR_INVALID));
        assertThat(service.verify(new CitizenQuery("110105194912310037", "王五")).result()).isEqualTo(Result.NOT_FOUND);
        assertThat(service.verify(new CitizenQuery(LI, "李四")).result()).isEqualTo(Result.DOCUMENT_LOST_OR_INVALID);
    }

    @Test
    void aSlowAnswerBeyondTheLimitIsUnavailable() {
        sim.answer(ZHANG, Answer.match(null).slow(Duration.ofSeconds(30)));
        CitizenAnswer a = new TimeLimitedVerification(sim, Duration.ofMillis(200)).verify(new CitizenQuery(ZHANG, "张三"));
        assertThat(a.result()).isEqualTo(Result.UNAVAILABLE);
        assertThat(a.detail()).contains("timed out");
    }

    @Test
    void aSlowAnswerWithinTheLimitStillArrives() {
        sim.answer(ZHANG, Answer.match(null).slow(Duration.ofMillis(50)));
        assertThat(service.verify(new CitizenQuery(ZHANG, "张三")).result()).isEqualTo(Result.MATCH);
    }

    @Test
    void aFailingCallAndAnOutageAreUnavailableNotExceptions() {
        sim.answer(ZHANG, Answer.failing());
        sim.answer(LI, Answer.of(Result.UNAVAILABLE));
        CitizenAnswer failed = service.verify(new CitizenQuery(ZHANG, "张三"));
        assertThat(failed.result()).isEqualTo(Result.UNAVAILABLE);
        assertThat(failed.detail()).contains("IllegalStateException");
        assertThat(service.verify(new CitizenQuery(LI, "李四")).result()).isEqualTo(Result.UNAVAILABLE);
    }

    @Test
    void anAdapterReturningNothingIsUnavailable() {
        assertThat(new TimeLimitedVerification(q -> null, Duration.ofSeconds(1)).verify(new CitizenQuery(ZHANG, "张三"))
                .result()).isEqualTo(Result.UNAVAILABLE);
    }

    @Test
    void theQueryPrintsMasked() {
        assertThat(new CitizenQuery(ZHANG, "张三").toString()).doesNotContain("0519491231").doesNotContain("三");
    }
}
