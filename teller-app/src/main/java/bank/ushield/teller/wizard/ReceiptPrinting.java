package bank.ushield.teller.wizard;

import java.awt.print.Pageable;
import java.util.Optional;

import javax.print.PrintService;
import javax.print.PrintServiceLookup;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.printing.PDFPageable;

/**
 * Printing a receipt through javax.print: the printer to use (the default one, else the first the system
 * knows), and the receipt PDF as a {@link Pageable} whose pages also draw into any Graphics2D (tests render them
 * into an image).
 */
final class ReceiptPrinting {

    private ReceiptPrinting() {
    }

    /** The workstation's printer, or empty when the system has none (then the teller is told, not a dialog). */
    static Optional<PrintService> printer() {
        PrintService preferred = PrintServiceLookup.lookupDefaultPrintService();
        if (preferred != null) {
            return Optional.of(preferred);
        }
        PrintService[] all = PrintServiceLookup.lookupPrintServices(null, null);
        return all.length == 0 ? Optional.empty() : Optional.of(all[0]);
    }

    /** The receipt's pages at their own size (A5/A4 as the PDF says), not scaled to the printer's default. */
    static Pageable pageable(PDDocument pdf) {
        return new PDFPageable(pdf);
    }
}
