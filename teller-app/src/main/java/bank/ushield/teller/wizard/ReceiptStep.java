package bank.ushield.teller.wizard;

import java.awt.print.PrinterJob;
import java.io.File;
import java.nio.file.Files;

import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JScrollPane;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.printing.PDFPageable;

import bank.ushield.teller.error.TellerAction;

/** Step 8: the customer's receipt: preview, save as PDF, print; Enter returns to the home screen. */
final class ReceiptStep extends StepPanel {

    private final JLabel outcome = value("receiptOutcome");
    private final JLabel preview = value("receiptPreview");
    private final Runnable done;
    private RenewalWizardModel.ReceiptView shown;

    ReceiptStep(RenewalWizardModel model, Runnable done) {
        super(model, "stepReceipt", "Wizard.receipt.title");
        this.done = done;
        add(outcome, "span 2, left");
        JButton save = new JButton(TellerAction.of(TEXT.get("Wizard.receipt.save") + "  F7", e -> save()));
        save.setName("receiptSave");
        JButton print = new JButton(TellerAction.of(TEXT.get("Wizard.receipt.print") + "  F11", e -> print()));
        print.setName("receiptPrint");
        JButton finish = new JButton(TellerAction.of(TEXT.get("Wizard.receipt.done") + "  Enter", e -> proceed()));
        finish.setName("receiptDone");
        add(save, "span 2, split 3, left, growx 0");
        add(print, "growx 0");
        add(finish, "growx 0");
        JScrollPane scroll = new JScrollPane(preview);
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        add(scroll, "span 2, grow, h 200:420:n");
    }

    @Override
    void proceed() {
        done.run();
    }

    @Override
    void refresh() {
        RenewalWizardModel.ReceiptView r = model.receipt();
        if (r == null || r == shown) {
            return;
        }
        shown = r;
        String key = switch (r.receipt().state()) {
            case COMPLETED -> "Wizard.receipt.completed";
            case ABORTED -> "Wizard.receipt.aborted";
            default -> r.finishLater() ? "Wizard.receipt.later" : "Wizard.receipt.inProgress";
        };
        outcome.setText(TEXT.format(key, r.receipt().caseNo()));
        outcome.putClientProperty("FlatLaf.styleClass",
                r.receipt().state() == bank.ushield.renewal.CaseState.COMPLETED ? "outcomeOk" : "outcomeWarn");
        // Rendered by the model's background task: a PDF page takes hundreds of ms, too long for the EDT.
        if (r.preview() != null) {
            preview.setIcon(new ImageIcon(r.preview()));
            preview.setText(null);
        } else {
            preview.setIcon(null);
            preview.setText(TEXT.get("Wizard.receipt.noPreview"));
        }
    }

    void save() throws Exception {
        RenewalWizardModel.ReceiptView r = model.receipt();
        if (r == null) {
            return;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setSelectedFile(new File(TEXT.format("Wizard.receipt.fileName", r.receipt().caseNo())));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            Files.write(chooser.getSelectedFile().toPath(), r.pdf());
        }
    }

    void print() throws Exception {
        RenewalWizardModel.ReceiptView r = model.receipt();
        if (r == null) {
            return;
        }
        PrinterJob job = PrinterJob.getPrinterJob();
        try (PDDocument pdf = Loader.loadPDF(r.pdf())) {
            job.setPageable(new PDFPageable(pdf));
            if (job.printDialog()) {
                job.print();
            }
        }
    }
}
