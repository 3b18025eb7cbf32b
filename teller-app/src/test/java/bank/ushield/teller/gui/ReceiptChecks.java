package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.print.PageFormat;
import java.awt.print.Pageable;
import java.awt.print.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.JFileChooserFixture;

import bank.ushield.renewal.Receipt;
import bank.ushield.teller.wizard.ReceiptPrintingProbe;

/**
 * The receipt step's Save as PDF and Print, driven through the real window at the end of a renewal: the file
 * chooser, the saved PDF read back by pdftotext (masked customer data, new certificate serial, never the full
 * ID or card number), the printable pages drawn into an image, and the no-printer message on Xvfb.
 */
final class ReceiptChecks {

    private ReceiptChecks() {
    }

    static void saveAsPdfAndPrint(GuiTest test, Robot robot, WizardDriver w, String fullIdNumber, String fullPan,
                                  Path folder) throws Exception {
        Receipt receipt = w.model().receipt().receipt();
        assertThat(receipt.newCertificate()).as("a completed renewal has a new certificate").isNotNull();

        w.frame.button("receiptSave").click();
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("receiptFileChooser").withTimeout(30_000)
                .using(robot);
        chooser.setCurrentDirectory(folder.toFile());
        // The teller types a name without ".pdf": the receipt is saved as a PDF all the same.
        chooser.fileNameTextBox().setText("receipt-" + receipt.caseNo());
        Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(chooser.target()), "receipt-01-save-dialog");
        chooser.approve();
        Path saved = folder.resolve("receipt-" + receipt.caseNo() + ".pdf");
        GuiTest.awaitText(w.frame.label("receiptStatus").target(), "回执已保存：" + saved);

        String text = pdftotext(saved);
        // The Chinese receipt reads Chinese: the branch's name as the branch has it, no English gloss beside it.
        assertThat(receipt.branchName()).isEqualTo("培训支行");
        assertThat(text).contains("培训支行").doesNotContain("Training branch").doesNotContain("ushield training");
        assertThat(text).contains(receipt.caseNo())
                .contains(receipt.customerName())
                .contains(receipt.documentMasked())
                .contains(receipt.cardMasked())
                .contains(receipt.newCertificate().serialHex())
                .doesNotContain(fullIdNumber)
                .doesNotContain(fullPan);
        assertThat(receipt.documentMasked()).isNotEqualTo(fullIdNumber).contains("*");

        // Saving again under the same name asks first; "No" leaves the file as it was.
        Files.writeString(saved, "older file");
        w.frame.button("receiptSave").click();
        JFileChooserFixture again = JFileChooserFinder.findFileChooser("receiptFileChooser").withTimeout(30_000)
                .using(robot);
        again.setCurrentDirectory(folder.toFile());
        again.fileNameTextBox().setText(saved.getFileName().toString());
        again.approve();
        DialogFixture replace = test.dialog("receiptReplace");
        replace.button(org.assertj.swing.core.matcher.JButtonMatcher.withText(java.util.regex.Pattern.compile("否.*|No"))).click();
        robot.waitForIdle();
        assertThat(Files.readString(saved)).isEqualTo("older file");

        // The pages the printer gets: drawn into an image, as a printer's Graphics2D would receive them.
        try (PDDocument pdf = Loader.loadPDF(w.model().receipt().pdf())) {
            Pageable pages = ReceiptPrintingProbe.pageable(pdf);
            assertThat(pages.getNumberOfPages()).isEqualTo(1);
            PageFormat format = pages.getPageFormat(0);
            BufferedImage image = new BufferedImage((int) format.getWidth(), (int) format.getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            assertThat(pages.getPrintable(0).print(g, format, 0)).isEqualTo(Printable.PAGE_EXISTS);
            g.dispose();
            assertThat(darkShare(image)).as("share of inked pixels on the printed page").isBetween(0.01, 0.5);
            javax.imageio.ImageIO.write(image, "png", Screenshots.DIR.resolve("receipt-02-printed-page.png").toFile());
        }

        // Xvfb has no printers: the teller is told so, with what to do instead.
        w.frame.button("receiptPrint").click();
        DialogFixture noPrinter = test.dialog("errorDialog");
        assertThat(noPrinter.label("errorTitle").text()).contains("此工作站没有可用的打印机");
        assertThat(noPrinter.label("errorNext").text()).contains("保存为 PDF");
        Screenshots.take(noPrinter.target(), "receipt-03-no-printer");
        noPrinter.button("errorOk").click();
        assertThat(GuiActionRunner.execute(() -> w.frame.target().isShowing())).isTrue();
    }

    private static double darkShare(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int lum = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (lum < 128) {
                    dark++;
                }
            }
        }
        return dark / (double) ((long) image.getWidth() * image.getHeight());
    }

    static String pdftotext(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pdftotext: %s", out).isZero();
        return out;
    }
}
