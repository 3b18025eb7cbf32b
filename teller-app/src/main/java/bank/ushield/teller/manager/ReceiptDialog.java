package bank.ushield.teller.manager;

import java.awt.Component;
import java.awt.Dialog;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;
import bank.ushield.teller.widget.DialogKeys;

/**
 * A case's receipt opened from the review: the first page as the customer got it, made again from the case, and
 * Save as PDF. Esc or Close closes it.
 */
final class ReceiptDialog {

    private static final Texts TEXT = AuditReviewPanel.TEXT;
    /** Client property on the review panel: where Save writes, skipping the file chooser (tests). */
    static final String TARGET = "receiptTarget";

    private ReceiptDialog() {
    }

    static JDialog open(JComponent owner, String caseLabel, byte[] pdf, BufferedImage page, TaskExecutor executor) {
        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(owner), TEXT.format("Review.receipt.title",
                caseLabel), Dialog.ModalityType.MODELESS);
        dialog.setName("reviewReceipt");
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[grow,fill][][]"));
        JLabel image = page == null ? new JLabel(TEXT.get("Review.receipt.noPreview"))
                : new JLabel(new ImageIcon(page));
        image.setName("reviewReceiptPage");
        content.add(new JScrollPane(image), "h 200:600");
        JLabel status = new JLabel(" ");
        status.setName("reviewReceiptStatus");
        content.add(status);
        JButton save = new JButton(TellerAction.of(TEXT.get("Review.receipt.save"), e -> {
            Path file = choose(owner, caseLabel);
            if (file != null) {
                executor.execute(BackgroundTask.call(() -> write(file, pdf))
                        .onSuccess(f -> status.setText(TEXT.format("Review.receipt.saved", f)))
                        .onFailure(x -> ErrorDialog.show(dialog, x)));
            }
        }));
        save.setName("reviewReceiptSave");
        JButton close = new JButton(TellerAction.of(TEXT.get("Review.receipt.close"), e -> dialog.dispose()));
        close.setName("reviewReceiptClose");
        content.add(save, "split 2, right, growx 0");
        content.add(close, "growx 0");
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(close);
        DialogKeys.onEscape(dialog, dialog::dispose);
        dialog.pack();
        dialog.setSize(Math.min(dialog.getWidth() + 24, 760), Math.min(dialog.getHeight(), 720));
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        save.requestFocusInWindow();
        return dialog;
    }

    /** Written next to the target first, then moved, so a half-written receipt never carries the name. */
    private static Path write(Path file, byte[] pdf) throws java.io.IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.write(partial, pdf);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static Path choose(Component owner, String caseLabel) {
        if (owner instanceof JComponent c && c.getClientProperty(TARGET) instanceof Path p) {
            return p;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setSelectedFile(new java.io.File(caseLabel + ".pdf"));
        return chooser.showSaveDialog(owner) == JFileChooser.APPROVE_OPTION ? chooser.getSelectedFile().toPath() : null;
    }
}
