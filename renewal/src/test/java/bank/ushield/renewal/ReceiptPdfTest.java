package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.receipt.ReceiptPdf;

import bank.ushield.db.Branch;
import bank.ushield.renewal.receipt.CjkFont;

class ReceiptPdfTest {

    static Receipt receipt(Receipt.NextStep next, CaseState state) {
        return new Receipt("0102-W03-20261125-0001", "0102-W03", "teller1", Instant.parse("2026-11-25T02:00:00Z"),
                "张*", "1101**********002X", "6222 **** **** 1234", "SN0000000001", "1234567890",
                new Receipt.CertificateLine("1a2b3c", Instant.parse("2016-10-11T00:00:00Z"),
                        Instant.parse("2021-10-10T00:00:00Z")),
                state == CaseState.COMPLETED ? new Receipt.CertificateLine("77aa", Instant.parse("2026-11-25T00:00:00Z"),
                        Instant.parse("2031-11-24T00:00:00Z")) : null,
                state, null, next, state == CaseState.COMPLETED ? new AuditReference(48213, 48220, "ab12cd", "48213-48220-ab12cd0011223344") : null,
                true, "Haidian Branch", java.util.List.of());
    }

    @Test
    void chineseTextIsEmbeddedAndExtractableByPdftotext(@TempDir Path dir) throws Exception {
        byte[] pdf = ReceiptPdf.chinese(Branch.DEFAULT_ZONE).render(receipt(Receipt.NextStep.DONE, CaseState.COMPLETED));
        // Kept under target/ so a person can look at it.
        Path file = Files.createDirectories(Path.of("target", "receipts")).resolve("receipt-completed.pdf");
        Files.write(file, pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).as("CJK font embedded").isTrue();
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("U盾证书续期回执", "0102-W03-20261125-0001", "1101**********002X",
                    "6222 **** **** 1234", "48213-48220-ab12cd0011223344", "培训模式");
        }
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).contains("U盾证书续期回执", "续期已完成", "张*", "序列号 77aa，有效期 2026-11-25 至 2031-11-24");
        assertThat(out).doesNotContain("11010519491231002X");
    }

    @Test
    void aWaitingCaseTellsTheCustomerToComeBackInEnglishToo() throws Exception {
        Receipt r = receipt(Receipt.NextStep.COME_BACK_OR_DOWNLOAD, CaseState.CSR_QUEUED);
        try (PDDocument doc = Loader.loadPDF(new ReceiptPdf(CjkFont.CANDIDATES, Locale.ENGLISH, Branch.DEFAULT_ZONE).render(r))) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("request sent to head office", "(not issued yet)", "online banking");
        }
        try (PDDocument doc = Loader.loadPDF(ReceiptPdf.chinese(Branch.DEFAULT_ZONE).render(r))) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains("网上银行下载证书");
        }
    }

    @Test
    void aMissingFontIsATypedProblem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReceiptPdf(java.util.List.of(Path.of("/nope.ttc")),
                        Locale.SIMPLIFIED_CHINESE, Branch.DEFAULT_ZONE).render(receipt(Receipt.NextStep.DONE, CaseState.COMPLETED)))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.RECEIPT_FONT_MISSING));
    }
}
