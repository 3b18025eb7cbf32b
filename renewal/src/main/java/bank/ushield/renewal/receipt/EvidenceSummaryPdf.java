package bank.ushield.renewal.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one-page-or-more PDF summary of an evidence package, in Chinese and English, with an embedded CJK font
 * ({@link CjkFont}).
 */
public final class EvidenceSummaryPdf {

    private static final float MARGIN = 56;
    private static final float LEADING = 17;

    /** One line of the summary: a label and its value, or a heading when value is null. */
    public record Line(String label, String value) {

        public static Line heading(String text) {
            return new Line(text, null);
        }
    }

    private EvidenceSummaryPdf() {
    }

    /** Writes the title and lines to {@code file}, starting new pages as needed. */
    public static void write(Path file, String title, List<Line> lines) {
        Path fontFile = CjkFont.firstReadable(CjkFont.CANDIDATES).orElseThrow(() ->
                new IllegalStateException("No CJK TrueType font found; install fonts-wqy-microhei"));
        try (PDDocument doc = new PDDocument(); CjkFont face = CjkFont.open(fontFile)) {
            PDType0Font font = face.embedIn(doc);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setCreator("U-shield counter workstation");

            List<Line> all = new ArrayList<>();
            all.add(Line.heading(title));
            all.addAll(lines);
            PDPageContentStream out = null;
            float y = 0;
            try {
                for (Line line : all) {
                    if (out == null || y < MARGIN) {
                        if (out != null) {
                            out.close();
                        }
                        PDPage page = new PDPage(PDRectangle.A4);
                        doc.addPage(page);
                        out = new PDPageContentStream(doc, page);
                        y = page.getMediaBox().getHeight() - MARGIN;
                    }
                    boolean heading = line.value() == null;
                    out.beginText();
                    out.setFont(font, heading ? 14 : 10);
                    out.newLineAtOffset(MARGIN, y);
                    out.showText(heading ? line.label() : line.label() + "：" + line.value());
                    out.endText();
                    y -= heading ? LEADING * 1.6f : LEADING;
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            doc.save(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the evidence summary " + file, e);
        }
    }
}
