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

    /**
     * Writes the title and lines to {@code file}, starting new pages as needed and wrapping a line wider than the
     * page. Written to {@code file.part} first, then renamed: a half-written PDF never carries the name.
     */
    public static void write(Path file, String title, List<Line> lines) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            render(partial, title, lines);
            java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the PDF " + file, e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left behind for the user to delete; the named file is whole or absent
            }
        }
    }

    private static void render(Path file, String title, List<Line> lines) throws IOException {
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
                    float size = heading ? 14 : 10;
                    String text = heading ? line.label() : line.label() + "：" + line.value();
                    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
                    for (String part : wrap(text, font, size, width)) {
                        if (y < MARGIN) {
                            out.close();
                            PDPage page = new PDPage(PDRectangle.A4);
                            doc.addPage(page);
                            out = new PDPageContentStream(doc, page);
                            y = page.getMediaBox().getHeight() - MARGIN;
                        }
                        out.beginText();
                        out.setFont(font, size);
                        out.newLineAtOffset(MARGIN, y);
                        out.showText(part);
                        out.endText();
                        y -= LEADING;
                    }
                    y -= heading ? LEADING * 0.6f : 0;
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            doc.save(file.toFile());
        }
    }

    /** The text cut into pieces no wider than {@code width} (by character: Chinese has no spaces to break at). */
    static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        float used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            float w = font.getStringWidth(ch) / 1000 * size;
            if (used + w > width && current.length() > 0) {
                parts.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            current.append(ch);
            used += w;
            i += Character.charCount(cp);
        }
        parts.add(current.toString());
        return parts;
    }
}
