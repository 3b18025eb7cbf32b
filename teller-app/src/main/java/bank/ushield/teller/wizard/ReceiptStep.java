package bank.ushield.teller.wizard;

import java.awt.print.PrinterException;
import java.awt.print.PrinterJob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.print.PrintService;

import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.filechooser.FileNameExtensionFilter;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import bank.ushield.renewal.Problem;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.task.BackgroundTask;

/** Step 8: the customer's receipt: preview, save as PDF, print; Enter returns to the home screen. */
final class ReceiptStep extends StepPanel {

    private final JLabel outcome = value("receiptOutcome");
    private final JLabel preview = value("receiptPreview");
    private final JLabel status = new JLabel(" ");
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
        // Keys only (F7, F11, Enter): a focused Save button would take the Enter meant for Done.
        save.setFocusable(false);
        print.setFocusable(false);
        finish.setFocusable(false);
        add(save, "span 2, split 3, left, growx 0");
        add(print, "growx 0");
        add(finish, "growx 0");
        JScrollPane scroll = new JScrollPane(preview);
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        status.setName("receiptStatus");
        add(status, "span 2, left");
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
        String key = r.receipt().completed() ? "Wizard.receipt.completed"
                : r.receipt().aborted() ? "Wizard.receipt.aborted"
                : r.finishLater() ? "Wizard.receipt.later" : "Wizard.receipt.inProgress";
        outcome.setText(TEXT.format(key, r.receipt().caseNo()));
        outcome.putClientProperty("FlatLaf.styleClass",
                r.receipt().completed() ? "outcomeOk" : "outcomeWarn");
        // Rendered by the model's background task: a PDF page takes hundreds of ms, too long for the EDT.
        if (r.preview() != null) {
            preview.setIcon(new ImageIcon(r.preview()));
            preview.setText(null);
        } else {
            preview.setIcon(null);
            preview.setText(TEXT.get("Wizard.receipt.noPreview"));
        }
    }

    /** Asks where to save (on the EDT), writes the PDF off the EDT and says where it went. */
    void save() {
        RenewalWizardModel.ReceiptView r = model.receipt();
        if (r == null) {
            return;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setName("receiptFileChooser");
        chooser.setFileFilter(new FileNameExtensionFilter("PDF", "pdf"));
        chooser.setSelectedFile(new File(TEXT.format("Wizard.receipt.fileName", r.receipt().caseNo())));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        Path target = chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf") ? chosen
                : chosen.resolveSibling(chosen.getFileName() + ".pdf");
        if (Files.exists(target) && !confirmReplace(target)) {
            return;
        }
        byte[] pdf = r.pdf();
        model.executor().execute(BackgroundTask.call(() -> Files.write(target, pdf))
                .onSuccess(p -> status.setText(TEXT.format("Wizard.receipt.saved", p.toString())))
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    /**
     * Prints through javax.print: no printer on the workstation is told in words (save as PDF instead); otherwise
     * the system print dialog on the EDT, the spooling off it.
     */
    void print() {
        RenewalWizardModel.ReceiptView r = model.receipt();
        if (r == null) {
            return;
        }
        Optional<PrintService> printer = ReceiptPrinting.printer();
        if (printer.isEmpty()) {
            ErrorDialog.show(this, new Problem.Explanation("print.noPrinter",
                    TEXT.get("Wizard.receipt.noPrinter.title"),
                    List.of(TEXT.get("Wizard.receipt.noPrinter.causes").split("\n")),
                    TEXT.get("Wizard.receipt.noPrinter.customer"), TEXT.get("Wizard.receipt.noPrinter.next"),
                    "javax.print.PrintServiceLookup: no print service"));
            return;
        }
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(r.pdf());
        } catch (IOException e) {
            ErrorDialog.show(this, e);
            return;
        }
        boolean handedOver = false;
        try {
            PrinterJob job = PrinterJob.getPrinterJob();
            job.setPrintService(printer.get());
            job.setJobName(TEXT.format("Wizard.receipt.fileName", r.receipt().caseNo()));
            job.setPageable(ReceiptPrinting.pageable(pdf));
            if (job.printDialog()) {
                handedOver = true;
                model.executor().execute(BackgroundTask.call(() -> {
                    try (PDDocument closing = pdf) {
                        job.print();
                    }
                    return printer.get().getName();
                }).onSuccess(name -> status.setText(TEXT.format("Wizard.receipt.printed", name)))
                        .onFailure(e -> ErrorDialog.show(this, e)));
            }
        } catch (PrinterException e) {
            ErrorDialog.show(this, e);
        } finally {
            if (!handedOver) {
                closeQuietly(pdf);
            }
        }
    }

    /** An existing file is replaced only when the teller says so (JFileChooser itself never asks). */
    private boolean confirmReplace(Path target) {
        JOptionPane pane = new JOptionPane(TEXT.format("Wizard.receipt.replace", target.getFileName()),
                JOptionPane.QUESTION_MESSAGE, JOptionPane.YES_NO_OPTION);
        JDialog ask = pane.createDialog(this, TEXT.get("Wizard.receipt.save"));
        ask.setName("receiptReplace");
        ask.setVisible(true);
        ask.dispose();
        return Integer.valueOf(JOptionPane.YES_OPTION).equals(pane.getValue());
    }

    private static void closeQuietly(PDDocument pdf) {
        try {
            pdf.close();
        } catch (IOException e) {
            // Only memory to release.
        }
    }
}
