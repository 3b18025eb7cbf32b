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

import bank.ushield.audit.AuditVerifier;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The review service over a real audit log file, without a screen (label sorting: teller's AuditLabelSortTest). */
@ExtendWith(DatabaseFileExtension.class)
class AuditLogReviewTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, AuditFixture.ZONE);

    @Test
    void pagesFiltersAndSortsWithoutLoadingTheLog(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 10, 3);
        AuditLogReview review = audit.review();
        long all = review.count(ReviewFilter.all());
        assertThat(all).isEqualTo(audit.log.size());

        List<ReviewRow> newest = review.page(ReviewFilter.all(), AuditSort.newestFirst(), 0, 10);
        assertThat(newest).hasSize(10);
        assertThat(newest.get(0).seq()).isEqualTo(all - 1);
        assertThat(review.page(ReviewFilter.all(), AuditSort.newestFirst(), all - 3, 10)).hasSize(3);

        ReviewFilter teller = new ReviewFilter(null, null, "teller02", null, null, null, null);
        List<ReviewRow> byTeller = review.page(teller, new AuditSort(AuditSort.Column.TIME, true), 0, 1000);
        assertThat(byTeller).isNotEmpty().allMatch(r -> r.actor().equals("teller02"));
        assertThat(review.count(teller)).isEqualTo(byTeller.size());

        ReviewFilter failedOnDay2 = new ReviewFilter(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21), null, null,
                null, "FAILED", null);
        assertThat(review.page(failedOnDay2, AuditSort.newestFirst(), 0, 100))
                .allMatch(r -> r.outcome().equals("FAILED")
                        && r.at().atZone(AuditFixture.ZONE).toLocalDate().equals(LocalDate.of(2026, 11, 21)));

    }

    @Test
    void entryDetailCarriesAnInclusionProofThatChecks(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 8, 5);
        EntryDetail detail = audit.review().detail(17);
        assertThat(detail.proofChecked()).isTrue();
        assertThat(detail.proofHex()).isNotEmpty();
        assertThat(detail.detailsJson()).startsWith("{");
        assertThat(detail.treeSize()).isGreaterThan(17);
    }

    @Test
    void verifyIsGreenUntouchedAndRedAfterRawSqlEditNamingTheEntry(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 10, 11);
        VerifyOutcome before = audit.review().verify(n -> { });
        assertThat(before).isInstanceOfSatisfying(VerifyOutcome.Intact.class,
                ok -> assertThat(ok.entries()).isEqualTo(audit.log.size()));

        audit.tamper(41, "FAILED");
        VerifyOutcome after = audit.review().verify(n -> { });
        assertThat(after).as(AuditVerifier.verify(audit.db).summary()).isInstanceOfSatisfying(
                VerifyOutcome.Broken.class, bad -> {
                    assertThat(bad.firstBadSeq()).isEqualTo(41);
                    assertThat(bad.reason()).isEqualTo("LEAF_MISMATCH");
                });
    }

    @Test
    void signOffNamesTheTreeHeadAndMarksTheDay(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 6, 13);
        AuditLogReview review = audit.review();
        LocalDate day = START.toLocalDate();
        DayStatus before = review.days(day, day).get(0);
        assertThat(before.signedOff()).isFalse();
        assertThat(before.entries()).isPositive();

        DayStatus after = review.signOff(day, "manager01", "checked the two aborts");

        assertThat(after.signedOff()).isTrue();
        assertThat(after.signedOffBy()).isEqualTo("manager01");
        assertThat(after.treeSize()).isPositive();
        assertThat(review.days(day.plusDays(1), day.plusDays(1)).get(0).signedOff()).isFalse();
        ReviewRow entry = review.page(new ReviewFilter(null, null, null, null, "DAILY_REVIEW_SIGNED_OFF", null, null),
                AuditSort.newestFirst(), 0, 1).get(0);
        assertThat(review.detail(entry.seq()).detailsJson()).contains("\"day\":\"" + day + "\"")
                .contains("\"treeSize\":" + after.treeSize());
        assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);
    }

    @Test
    void signOffIsRefusedOnATamperedLogInWordsAndSignsNothing(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 6, 17);
        AuditLogReview review = audit.review();
        LocalDate day = START.toLocalDate();
        long sizeBefore = audit.log.size();
        int headsBefore = audit.log.checkpoints().size();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.path().toAbsolutePath());
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_entry_no_update");
            st.execute("UPDATE audit_entry SET details = replace(details, '}', ',\"x\":1}') WHERE seq = 12");
        }

        assertThatThrownBy(() -> review.signOff(day, "manager01", "looks fine"))
                .isInstanceOfSatisfying(RenewalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_LOG_NOT_INTACT);
                    Problem.Explanation en = e.problem().explain(java.util.Locale.ENGLISH);
                    assertThat(en.problem()).contains("from entry 12 on").contains("cannot be signed off");
                    assertThat(e.getCause().getMessage()).contains("FAILED at entry 12")
                            .contains("audit_entry_no_update is missing");
                });
        assertThat(review.days(day, day).get(0).signedOff()).isFalse();
        assertThat(audit.log.size()).as("no sign-off and no checkpoint entry appended").isEqualTo(sizeBefore);
        assertThat(audit.log.checkpoints()).hasSize(headsBefore);
    }

    @Test
    void signOffIsRefusedWhenOnlyAProtectionWasRemoved(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 19);
        audit.clock.set(START.plusDays(1).toInstant()); // the day is closed: only the broken file stops the sign-off
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.path().toAbsolutePath());
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_checkpoint_no_delete");
        }
        assertThatThrownBy(() -> audit.review().signOff(START.toLocalDate(), "manager01", null))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_FILE_NOT_INTACT));
        assertThat(audit.review().verify(n -> { })).isInstanceOfSatisfying(VerifyOutcome.Broken.class,
                bad -> assertThat(bad.reason()).isEqualTo("SCHEMA_CHANGED"));
    }

    /**
     * The sign-off checks the whole file (ADR 0093): damage in a page no audit query reads (another module's table),
     * which the manager's verify leaves to that check above its bound (10 entries here, so this small log is checked
     * as a large one is), refuses it. Had the sign-off run the default depth, it would have signed this file.
     */
    @Test
    void signOffChecksTheWholeFileWhichTheDefaultVerifyOfALargeLogDoesNot(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 19);
        audit.log.close();
        audit.db.close();
        long root;
        int pageSize;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.path().toAbsolutePath());
             java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'customer'")) {
                root = rs.getLong(1);
            }
            try (java.sql.ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                pageSize = rs.getInt(1);
            }
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file.path());
        int header = (int) ((root - 1) * pageSize);
        assertThat(bytes[header]).as("a table leaf page").isEqualTo((byte) 0x0D);
        bytes[header] = (byte) 0x6B; // no b-tree page type
        java.nio.file.Files.write(file.path(), bytes);

        audit.clock.set(START.plusDays(1).toInstant()); // the day is closed: only the damaged file stops the sign-off
        try (bank.ushield.db.Database db = bank.ushield.db.Database.open(file.path());
             bank.ushield.audit.AuditLog log = bank.ushield.audit.AuditLog.open(db, AuditFixture.WORKSTATION, audit.clock)) {
            AuditLogReview review = new AuditLogReview(db, log, audit.keys, AuditFixture.ZONE, column -> List.of(),
                    audit.clock).withFullCheckUpTo(10);
            assertThat(review.verify(n -> { })).as("the default depth leaves the page to the sign-off")
                    .isInstanceOf(VerifyOutcome.Intact.class);
            long size = log.size();
            assertThatThrownBy(() -> review.signOff(START.toLocalDate(), "manager01", null))
                    .isInstanceOfSatisfying(RenewalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_FILE_NOT_INTACT);
                        assertThat(e.getCause().getMessage()).containsAnyOf("integrity check", "cannot be read");
                    });
            assertThat(review.days(START.toLocalDate(), START.toLocalDate()).get(0).signedOff()).isFalse();
            assertThat(log.size()).as("nothing signed or appended").isEqualTo(size);
        }
    }

    @Test
    void signOffSignsTheVerifiedHeadNotMore(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 5, 23);
        audit.clock.set(START.plusDays(1).toInstant()); // only a closed day may be signed off
        long verified = audit.log.size();
        audit.review().signOff(START.toLocalDate(), "manager01", null);
        // The checkpoint covers exactly the entries that were verified; its own CHECKPOINT_SIGNED entry comes after.
        assertThat(audit.log.latestCheckpoint().orElseThrow().head().size()).isEqualTo(verified);
        assertThat(audit.review().days(START.toLocalDate(), START.toLocalDate()).get(0).treeSize())
                .isEqualTo(verified);
    }

    @Test
    void unanchoredWindowCountsWhatHeadOfficeHasNotAcknowledged(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 17);
        AuditLogReview review = audit.review();
        long size = audit.log.size();
        assertThat(review.unanchored().neverAnchored()).isTrue();
        assertThat(review.unanchored().entries()).isEqualTo(size);

        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair headOffice = g.generateKeyPair();
        java.time.Instant at = java.time.Instant.parse("2026-11-20T10:00:00Z");
        bank.ushield.audit.AnchorAcknowledgement ack = bank.ushield.audit.AnchorAcknowledgement.sign(
                AuditFixture.WORKSTATION, audit.log.treeHead(size - 3), at, headOffice.getPrivate(), headOffice.getPublic());
        audit.db.jdbi().useTransaction(h -> bank.ushield.audit.AnchorCheck.store(h, ack, at));

        UnanchoredWindow w = review.unanchored();
        assertThat(w.entries()).isEqualTo(3);
        assertThat(w.acknowledgedSize()).isEqualTo(size - 3);
        assertThat(w.lastAcknowledgedAt()).isEqualTo(at);
    }

    /**
     * Issue 21: the manager's verify includes head office's anchor, as the sign-off does. The insider truncates the
     * log (entries, nodes and heads, triggers put back): the file checks on its own, but verify says in words that
     * head office acknowledged more, and the sign-off is refused with the figures.
     */
    @Test
    void verifyAndSignOffNameARollbackBelowHeadOfficesAcknowledgement(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 29);
        audit.clock.set(START.plusDays(1).toInstant());
        java.security.KeyPair headOffice = ecKeys();
        long size = audit.log.size();
        java.time.Instant at = java.time.Instant.parse("2026-11-20T10:00:00Z");
        var ack = bank.ushield.audit.AnchorAcknowledgement.sign(AuditFixture.WORKSTATION, audit.log.treeHead(size), at,
                headOffice.getPrivate(), headOffice.getPublic());
        audit.db.jdbi().useTransaction(h -> bank.ushield.audit.AnchorCheck.store(h, ack, at));
        AuditLogReview review = audit.review(List.of(headOffice.getPublic()));
        assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);

        long keep = size - 3;
        withoutTriggers(file.path(), "DELETE FROM audit_entry WHERE seq >= " + keep,
                "DELETE FROM audit_node WHERE last_seq >= " + keep, "DELETE FROM audit_checkpoint WHERE tree_size > " + keep,
                // a signer left without heads would give the deletion away (verify's first-use check)
                "DELETE FROM audit_signer WHERE key_id NOT IN (SELECT key_id FROM audit_checkpoint)");
        assertThat(bank.ushield.audit.AuditVerifier.verify(audit.db).ok()).as("the file alone is fooled").isTrue();

        assertThat(review.verify(n -> { })).isInstanceOfSatisfying(VerifyOutcome.Contradicted.class, c -> {
            assertThat(c.finding()).isEqualTo("ROLLED_BACK");
            assertThat(c.acknowledgedSize()).isEqualTo(size);
            assertThat(c.logSize()).isEqualTo(keep);
            assertThat(c.acknowledgedAt()).isEqualTo(at);
        });
        assertThatThrownBy(() -> review.signOff(START.toLocalDate(), "manager01", null))
                .isInstanceOfSatisfying(RenewalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_ANCHOR_CONTRADICTED);
                    assertThat(e.problem().args()).containsExactly(String.valueOf(size), "2026-11-20 18:00",
                            String.valueOf(keep));
                });
        assertThat(audit.log.size()).as("nothing signed").isEqualTo(keep);
    }

    /**
     * Issue 21: a row inserted into audit_anchor proves nothing. An acknowledgement signed with the insider's own key
     * (for the whole current log, so the unanchored window would read as empty) makes verify say it was not signed
     * by head office, and the sign-off refuses.
     */
    @Test
    void anAcknowledgementHeadOfficeDidNotSignIsNamedAndBlocksTheSignOff(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 31);
        audit.clock.set(START.plusDays(1).toInstant());
        java.security.KeyPair headOffice = ecKeys();
        java.security.KeyPair insider = ecKeys();
        java.time.Instant at = java.time.Instant.parse("2026-11-20T11:00:00Z");
        var forged = bank.ushield.audit.AnchorAcknowledgement.sign(AuditFixture.WORKSTATION, audit.log.treeHead(),
                at, insider.getPrivate(), insider.getPublic());
        audit.db.jdbi().useTransaction(h -> bank.ushield.audit.AnchorCheck.store(h, forged, at));
        long size = audit.log.size();
        AuditLogReview review = audit.review(List.of(headOffice.getPublic()));

        assertThat(review.verify(n -> { })).isInstanceOfSatisfying(VerifyOutcome.Contradicted.class, c -> {
            assertThat(c.finding()).isEqualTo("BAD_ACKNOWLEDGEMENT");
            assertThat(c.detail()).contains("not signed by head office's key");
        });
        assertThatThrownBy(() -> review.signOff(START.toLocalDate(), "manager01", null))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_ANCHOR_CONTRADICTED));
        assertThat(audit.log.size()).isEqualTo(size);
        assertThat(review.days(START.toLocalDate(), START.toLocalDate()).get(0).signedOff()).isFalse();
    }

    private static java.security.KeyPair ecKeys() throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    /** The insider's way: drop every trigger, run the statements, put the triggers back exactly as they were. */
    private static void withoutTriggers(Path file, String... statements) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             java.sql.Statement st = c.createStatement()) {
            List<String> triggers = new java.util.ArrayList<>();
            List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    triggers.add(rs.getString(2));
                }
            }
            for (String n : names) {
                st.execute("DROP TRIGGER " + n);
            }
            for (String sql : statements) {
                st.execute(sql);
            }
            for (String sql : triggers) {
                st.execute(sql);
            }
        }
    }

    @Test
    void twoCompletedCasesGiveAMachineTimeAndEveryDayOfTheWindowHasACount(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START);
        for (long c = 1; c <= 2; c++) {
            audit.append(bank.ushield.audit.AuditEventType.CASE_OPENED, bank.ushield.audit.AuditOutcome.OK, "teller01",
                    c, null);
            audit.append(bank.ushield.audit.AuditEventType.CASE_TOKEN_VERIFIED, bank.ushield.audit.AuditOutcome.OK,
                    "teller01", c, null);
            audit.clock.advance(java.time.Duration.ofSeconds(40));
            audit.append(bank.ushield.audit.AuditEventType.CASE_CERT_INSTALLED, bank.ushield.audit.AuditOutcome.OK,
                    "teller01", c, null);
            audit.append(bank.ushield.audit.AuditEventType.CASE_COMPLETED, bank.ushield.audit.AuditOutcome.OK,
                    "teller01", c, null);
        }
        LocalDate day = START.toLocalDate();
        ReviewCharts charts = audit.review().charts(day.minusDays(29), day);
        assertThat(charts.perDay()).hasSize(30);
        assertThat(charts.perDay().get(29).count()).isEqualTo(2);
        assertThat(charts.perDay().get(0).count()).isZero();
        assertThat(charts.machine()).hasSize(1);
        // 40 s waited plus the fixture's 5 s per entry written in between
        assertThat(charts.machine().get(0).averageSeconds()).isCloseTo(45.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(charts.machine().get(0).cases()).isEqualTo(2);
    }

    @Test
    void anInterruptedCsvExportStopsAndLeavesNoFile(DatabaseFile file, @TempDir Path keys, @TempDir Path out) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 4, 3);
        Path csv = out.resolve("a.csv");
        var review = audit.review(); // opened before: the interrupt stands for a Cancel pressed during the export
        Thread.currentThread().interrupt();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> review.exportCsv(ReviewFilter.all(), csv,
                    TEXTS, n -> { })).isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(csv).doesNotExist();
        assertThat(out.resolve("a.csv.part")).doesNotExist();
        long rows = audit.review().exportCsv(ReviewFilter.all(), csv, TEXTS, n -> { });
        assertThat(rows).isEqualTo(audit.log.size());
    }

    static final CsvTexts TEXTS = new CsvTexts() {
        @Override
        public List<String> headers() {
            return List.of("time", "case", "customer", "by", "role", "event", "outcome", "check", "reason", "auth");
        }

        @Override
        public String event(String code) {
            return code;
        }

        @Override
        public String outcome(String code) {
            return code;
        }

        @Override
        public String role(String code) {
            return code;
        }

        @Override
        public String check(String code) {
            return code;
        }

        @Override
        public String reason(String code) {
            return code;
        }
    };
}
