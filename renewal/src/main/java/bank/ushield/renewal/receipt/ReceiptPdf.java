package bank.ushield.renewal.receipt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.Receipt;
import bank.ushield.renewal.RenewalException;

import bank.ushield.renewal.receipt.CjkFont;

/**
 * Renders a {@link Receipt} to an A5 PDF with an embedded (subset) CJK TrueType font, so Chinese text shows on any
 * printer or viewer. The font comes from the first readable file of {@link CjkFont#CANDIDATES} (or the given list);
 * dates are the branch's days in its time zone.
 */
public final class ReceiptPdf {

    private static final float MARGIN = 36;
    private static final float SIZE = 10;
    private static final float LEADING = 15;

    private final List<Path> fonts;
    private final Locale locale;
    private final ZoneId zone;

    public ReceiptPdf(List<Path> fonts, Locale locale, ZoneId zone) {
        this.fonts = List.copyOf(fonts);
        this.locale = locale;
        this.zone = zone;
    }

    /** zh_CN receipt with the CJK font candidates; USHIELD_RECEIPT_FONT names another .ttf/.ttc first. */
    public static ReceiptPdf chinese(ZoneId zone) {
        List<Path> fonts = new ArrayList<>();
        String override = System.getenv("USHIELD_RECEIPT_FONT");
        if (override != null) {
            fonts.add(Path.of(override));
        }
        fonts.addAll(CjkFont.CANDIDATES);
        return new ReceiptPdf(fonts, Locale.SIMPLIFIED_CHINESE, zone);
    }

    /** The receipt as PDF bytes. @throws RenewalException RECEIPT_FONT_MISSING */
    public byte[] render(Receipt r) {
        Path fontFile = CjkFont.firstReadable(fonts)
                .orElseThrow(() -> new RenewalException(ProblemCode.RECEIPT_FONT_MISSING));
        ResourceBundle text = ResourceBundle.getBundle("bank.ushield.renewal.Receipt", locale);
        try (PDDocument doc = new PDDocument(); CjkFont face = CjkFont.open(fontFile)) {
            PDFont font = face.embedIn(doc);
            PDPage page = new PDPage(PDRectangle.A5);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            String title = text.getString(r.replacementReceipt() ? "replacement.title" : "title");
            info.setTitle(title + " " + r.caseNo());
            info.setCreator("U-shield counter workstation");
            float width = page.getMediaBox().getWidth() - 2 * MARGIN;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                Writer w = new Writer(out, font, width, page.getMediaBox().getHeight() - MARGIN);
                // Who issued it first (the branch name as set up, "printed on receipts"): the customer keeps this paper.
                if (r.branchName() != null) {
                    w.line(r.branchName(), 11);
                }
                w.line(title, 14);
                if (r.training()) {
                    w.line(text.getString("training"), 12);
                }
                w.gap();
                w.field(text.getString("caseNo"), r.caseNo());
                w.field(text.getString("issuedAt"), time(r.issuedAt()));
                w.field(text.getString("workstation"), r.workstationId() + " / " + r.tellerLogin());
                w.field(text.getString("customer"), r.customerName());
                w.field(text.getString("document"), r.documentMasked());
                w.field(text.getString("card"), r.cardMasked());
                for (String[] f : tokenLines(text, r)) {
                    w.field(f[0], f[1]);
                }
                w.field(text.getString("oldCertificate"), certificate(text, r.oldCertificate()));
                w.field(text.getString("newCertificate"), r.newCertificate() != null
                        ? certificate(text, r.newCertificate())
                        : text.getString(r.state() == CaseState.ABORTED ? "newCertificateNone" : "newCertificatePending"));
                String state = MessageFormat.format(text.getString((r.replacementReceipt()
                                && r.state() == CaseState.COMPLETED ? "replacement." : "") + "state." + r.state().name()),
                        r.abortReason() == null ? "" : text.getString("abortReason." + r.abortReason().name()));
                w.field(text.getString("status"), state);
                for (Receipt.GrantedException e : r.exceptions()) {
                    String reason = Problem.reasonWords(e.reasonCode(), locale);
                    w.field(text.getString("exception"), MessageFormat.format(text.getString("exceptionValue"),
                            reason, e.managerLogin()));
                }
                w.gap();
                w.line(text.getString("next"), 11);
                w.paragraph(text.getString("next." + r.nextStep().name()));
                if (r.abortReason() == bank.ushield.renewal.AbortReason.SELF_SERVICE_ADVISED) {
                    // Closed because the customer renews online: the receipt says how, step by step.
                    w.paragraph(text.getString("next.selfService"));
                }
                w.gap();
                w.field(text.getString("audit"), r.auditReference() == null ? text.getString("auditPending")
                        : MessageFormat.format(text.getString("auditValue"), r.auditReference().code()));
                w.gap();
                w.gap();
                // Signed on paper by both: the customer took part, the teller served.
                w.paragraph(text.getString("signCustomer"));
                w.gap();
                w.paragraph(text.getString("signTeller"));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new RenewalException(Problem.of(ProblemCode.RECEIPT_FONT_MISSING), e);
        }
    }

    /**
     * The token lines as label and value: for a renewal the token and its voucher number; for a replacement the
     * reason, the new token's serial and voucher number, the old token and what became of it, and the fee (ADR 0077).
     */
    public static java.util.List<String[]> tokenLines(ResourceBundle text, Receipt r) {
        java.util.List<String[]> lines = new java.util.ArrayList<>();
        Receipt.ReplacementLine x = r.replacement();
        if (x == null) {
            lines.add(new String[] {text.getString("token"), r.tokenSerial()});
            if (r.mediaVoucherNo() != null) {
                lines.add(new String[] {text.getString("voucher"), r.mediaVoucherNo()});
            }
            return lines;
        }
        lines.add(new String[] {text.getString("replacement.reason"),
                text.getString("replacement.reason." + x.reason().name())});
        lines.add(new String[] {text.getString("replacement.newToken"),
                r.tokenSerial() == null ? text.getString("replacement.notYet") : r.tokenSerial()});
        if (r.mediaVoucherNo() != null) {
            lines.add(new String[] {text.getString("replacement.newVoucher"), r.mediaVoucherNo()});
        }
        String outcome = x.oldTokenOutcome() == null ? text.getString("replacement.old.PENDING")
                : text.getString("replacement.old." + x.oldTokenOutcome().name());
        lines.add(new String[] {text.getString("replacement.oldToken"),
                MessageFormat.format(text.getString("replacement.oldValue"), String.valueOf(x.oldTokenSerial()), outcome)});
        lines.add(new String[] {text.getString("replacement.fee"), x.fee() == null ? text.getString("replacement.noFee")
                : MessageFormat.format(text.getString("replacement.feeValue"), x.fee().toPlainString(), x.feeCurrency())});
        return lines;
    }

    /** Writes the receipt PDF to a file. */
    public void write(Receipt r, Path file) throws IOException {
        Files.write(file, render(r));
    }

    private String certificate(ResourceBundle text, Receipt.CertificateLine c) {
        if (c == null) {
            return "-";
        }
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone);
        String line = MessageFormat.format(text.getString("validity"), c.serialHex(), day.format(c.notBefore()),
                day.format(c.notAfter()));
        return c.keyKind() == null ? line
                : line + MessageFormat.format(text.getString("keyKind"), text.getString("keyKind." + c.keyKind().name()));
    }

    private String time(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(t);
    }

    /** Lays lines out top-down, wrapping long text by width (CJK text wraps anywhere). */
    private static final class Writer {
        private final PDPageContentStream out;
        private final PDFont font;
        private final float width;
        private float y;

        Writer(PDPageContentStream out, PDFont font, float width, float top) {
            this.out = out;
            this.font = font;
            this.width = width;
            this.y = top;
        }

        void line(String s, float size) throws IOException {
            y -= size + 5;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(s);
            out.endText();
        }

        void field(String label, String value) throws IOException {
            paragraph(label + "：" + (value == null ? "-" : value));
        }

        void paragraph(String s) throws IOException {
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String next = current + new String(Character.toChars(cp));
                if (font.getStringWidth(next) / 1000 * SIZE > width && current.length() > 0) {
                    emit(current.toString());
                    current.setLength(0);
                }
                current.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (current.length() > 0) {
                emit(current.toString());
            }
        }

        private void emit(String s) throws IOException {
            y -= LEADING;
            out.beginText();
            out.setFont(font, SIZE);
            out.newLineAtOffset(MARGIN, y);
            out.showText(s);
            out.endText();
        }

        void gap() {
            y -= LEADING / 2;
        }
    }
}
