package bank.ushield.renewal.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.staff.DbStaffDirectory;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * A second manager co-signs the exceptions the signing manager authorised (ADR 0074): real audit log, real staff
 * accounts and password checks in the same SQLite file; the co-signer must be another manager who took no part.
 */
@ExtendWith(DatabaseFileExtension.class)
class CoSignTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 16, 9, 0, 0, 0, AuditFixture.ZONE);

    @Test
    void anotherManagerCoSignsWhatTheSignerAuthorisedAndTheEntryNamesThem(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21);
        audit.clock.set(START.plusDays(6).toInstant());
        AuditLogReview review = audit.review();
        LocalDate day = START.toLocalDate();
        while (review.ownAuthorisations(day, "manager01").isEmpty()) {
            day = day.plusDays(1);
            assertThat(day).as("a day with manager01's authorisation").isBefore(START.toLocalDate().plusDays(6));
        }
        List<ReviewRow> own = review.ownAuthorisations(day, "manager01");
        // The teller whose exception manager01 authorised took part in it.
        String involved = own.stream().flatMap(r -> java.util.stream.Stream.of(r.teller(), r.actor()))
                .filter(a -> a != null && !a.equals("manager01")).findFirst().orElseThrow();
        Repositories repos = new Repositories(audit.db, CardMatchingKey.forDataFolder(keys),
                new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), audit.clock);
        repos.branches().saveBranch("0102", "Branch");
        repos.staff().create("manager02", "钱主管", StaffRole.MANAGER, "0102", "pass-manager02".toCharArray());
        repos.staff().create("teller09", "孙柜员", StaffRole.TELLER, "0102", "pass-teller09".toCharArray());
        // A manager account under the login of someone who did one of the exceptions: not independent of them.
        repos.staff().create(involved, "李主管", StaffRole.MANAGER, "0102", "pass-involved".toCharArray());
        review.withStaff(new DbStaffDirectory(repos.authenticator(LockoutPolicy.DEFAULT)));
        LocalDate d = day;

        assertThatThrownBy(() -> review.signOff(d, "manager01", "", co("manager01", "x")))
                .isInstanceOfSatisfying(ReviewException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReviewException.Reason.CO_SIGNER_SAME));
        assertThatThrownBy(() -> review.signOff(d, "manager01", "", co("teller09", "pass-teller09")))
                .isInstanceOfSatisfying(ReviewException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReviewException.Reason.CO_SIGNER_NOT_A_MANAGER));
        assertThatThrownBy(() -> review.signOff(d, "manager01", "", co(involved, "pass-involved")))
                .isInstanceOfSatisfying(ReviewException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReviewException.Reason.CO_SIGNER_INVOLVED));
        char[] wrong = "not-the-password".toCharArray();
        assertThatThrownBy(() -> review.signOff(d, "manager01", "", new AuditReview.CoSigner("manager02", wrong)))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_BAD_CREDENTIALS));
        assertThat(new String(wrong)).as("the password is wiped").isEqualTo("\0".repeat(wrong.length));
        assertThat(review.days(d, d).get(0).signedOff()).as("nothing signed by a refused co-sign").isFalse();

        char[] right = "pass-manager02".toCharArray();
        DayStatus after = review.signOff(d, "manager01", "checked", new AuditReview.CoSigner("manager02", right));
        assertThat(right).containsOnly('\0');
        assertThat(after.signedOffBy()).isEqualTo("manager01");
        // The day says who co-signed, so the sign-off screen shows it at once, not "flagged" (issue 16).
        assertThat(after.coSignedBy()).isEqualTo("manager02");
        assertThat(review.days(d, d).get(0).coSignedBy()).isEqualTo("manager02");
        ReviewRow entry = review.page(new ReviewFilter(null, null, null, null, "DAILY_REVIEW_SIGNED_OFF", null, null),
                AuditSort.newestFirst(), 0, 1).get(0);
        String details = review.detail(entry.seq()).detailsJson();
        assertThat(details).contains("\"coSignedBy\":\"manager02\"")
                .contains("\"coSigned\":\"" + own.stream().map(r -> String.valueOf(r.seq()))
                        .collect(java.util.stream.Collectors.joining(",")) + "\"")
                .doesNotContain("flaggedForNextLevel").doesNotContain("pass-manager02");
        assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);
    }

    @Test
    void withoutAStaffDirectoryCoSigningIsRefusedAndTheSignerCanStillFlag(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 4, 5);
        audit.clock.set(START.plusDays(3).toInstant());
        AuditLogReview review = audit.review();
        LocalDate day = START.toLocalDate();
        char[] password = "secret-1".toCharArray();
        assertThatThrownBy(() -> review.signOff(day, "manager01", "", new AuditReview.CoSigner("manager02", password)))
                .isInstanceOfSatisfying(ReviewException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReviewException.Reason.CO_SIGN_UNAVAILABLE));
        assertThat(password).containsOnly('\0');
        DayStatus flagged = review.signOff(day, "manager01", "", null);
        assertThat(flagged.signedOff()).isTrue();
        assertThat(flagged.coSignedBy()).as("flagged, not co-signed").isNull();
    }

    private static AuditReview.CoSigner co(String login, String password) {
        return new AuditReview.CoSigner(login, password.toCharArray());
    }
}
