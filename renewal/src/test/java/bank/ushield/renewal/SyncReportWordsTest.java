package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AnchorCheck;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.token.KeyAlgorithm;

/**
 * A sync that sent only the audit log's checkpoint and imported head office's acknowledgement did something, and
 * says so in words; the next one, with nothing due, says there was nothing to do (real training workstation: SQLite
 * file, audit log, in-process head office).
 */
class SyncReportWordsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void aCheckpointOnlyBatchAndAnAcknowledgementAreReportedAndOnlyAnIdleSyncIsNothing(@TempDir Path dir) {
        Seed.site(dir, CLOCK);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK)) {
            StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());
            RenewalService s = ws.renewals(teller);

            // No request waits, but the log has grown and head office never anchored it: a checkpoint-only batch.
            HeadOfficeLink.SyncReport first = s.syncNow();
            assertThat(first.requestsSent()).isZero();
            assertThat(first.certificatesReceived()).isZero();
            assertThat(first.batchSent()).isTrue();
            assertThat(first.responseBatches()).isEqualTo(1);
            assertThat(first.acknowledged()).isTrue();
            assertThat(first.crlsReceived()).as("the training head office sends its CRL with every answer").isEqualTo(1);
            assertThat(first.nothingDone()).isFalse();
            assertThat(AnchorCheck.latest(ws.database().jdbi())).isPresent();
            assertThat(first.words(Locale.ENGLISH))
                    .isEqualTo("Sent: a checkpoint of the audit log for head office to anchor it (no request was "
                            + "waiting). Imported one head-office batch: 1 certificate revocation list, head office's "
                            + "acknowledgement of the audit log.");
            assertThat(first.words(Locale.SIMPLIFIED_CHINESE)).contains("已发送：审计日志检查点", "总行对审计日志的确认")
                    .doesNotContainPattern("[A-Z]{2,}_[A-Z_]+");

            HeadOfficeLink.SyncReport second = s.syncNow();
            assertThat(second.batchSent()).isFalse();
            assertThat(second.nothingDone()).isTrue();
            assertThat(second.words(Locale.ENGLISH)).startsWith("Nothing to do: no request, revocation or audit "
                    + "checkpoint was due");
            assertThat(second.words(Locale.SIMPLIFIED_CHINESE)).startsWith("无事可做");
        }
    }

    @Test
    void theFiguresReadAsWordsWithTheirCounts() {
        HeadOfficeLink.SyncReport r = new HeadOfficeLink.SyncReport(2, 1, 1, java.util.List.of(), java.util.List.of(),
                1, true, 2, 1, false);
        assertThat(r.words(Locale.ENGLISH)).isEqualTo("Sent: 2 requests, 1 revocation. Imported 2 head-office "
                + "batches: 1 certificate, 1 rejection, 1 certificate revocation list.");
        assertThat(r.words(Locale.SIMPLIFIED_CHINESE)).isEqualTo("已发送：2 个申请、1 个吊销。已导入 2 个总行批次："
                + "1 张证书、1 个拒绝、1 份证书吊销列表。");
    }
}
