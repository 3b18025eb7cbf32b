package bank.ushield.teller.widget;

import java.awt.image.BufferedImage;
import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The receipt's first page as an image for the preview. Rendering a PDF page took 250-870 ms in the GUI tests, so
 * it runs in the receipt's background task, never on the EDT (the EDT watchdog caught it there).
 */
public final class ReceiptPreview {

    static final float DPI = 80;

    private ReceiptPreview() {
    }

    /** The first page at {@link #DPI}, or null when the PDF cannot be rendered (the step then says so). */
    public static BufferedImage render(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(0, DPI);
        } catch (IOException e) {
            return null;
        }
    }
}
