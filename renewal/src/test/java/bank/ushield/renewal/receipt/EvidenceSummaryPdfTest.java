package bank.ushield.renewal.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceSummaryPdfTest {

    @Test
    void chineseTextIsWrittenWithAnEmbeddedFontAndReadsBack(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("summary.pdf");
        EvidenceSummaryPdf.write(pdf, "审计证据包摘要 Audit evidence summary", List.of(
                new EvidenceSummaryPdf.Line("网点 Branch", "北京朝阳支行"),
                new EvidenceSummaryPdf.Line("条目 Entries", "1234")));

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("审计证据包摘要").contains("北京朝阳支行").contains("1234");
            PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
        }
    }
}
