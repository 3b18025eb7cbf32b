package bank.ushield.teller.wizard;

import java.awt.print.Pageable;

import org.apache.pdfbox.pdmodel.PDDocument;

/** Test access to the receipt step's printing (package-private in main code). */
public final class ReceiptPrintingProbe {

    private ReceiptPrintingProbe() {
    }

    public static Pageable pageable(PDDocument pdf) {
        return ReceiptPrinting.pageable(pdf);
    }
}
