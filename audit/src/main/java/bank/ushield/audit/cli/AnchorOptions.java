package bank.ushield.audit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.ReceiptReference;
import picocli.CommandLine.Option;

/**
 * The options of {@code audit verify} that look beyond the file: head office's acknowledgement (stored, or exported
 * as a file) and a customer's receipt reference (docs/audit-format.md, "Anchoring" and "Receipts").
 */
final class AnchorOptions {

    @Option(names = "--anchor", description = "Head office's acknowledgement (signed note file); used when it covers "
            + "more entries than the newest one stored in the database.")
    Path anchorFile;

    @Option(names = "--head-office-cert", description = "Head office's sync certificate (PEM): checks the signature of "
            + "every stored acknowledgement and of --anchor. Repeat it for each key head office used (key rollover).")
    java.util.List<Path> headOfficeCerts = new java.util.ArrayList<>();

    @Option(names = "--receipt", description = "A receipt's audit reference (entry-size-fingerprint) to check.")
    String receipt;

    /** Prints what the anchor (and receipt) checks found; true when nothing contradicts them. */
    boolean check(Jdbi jdbi, String workstation, PrintWriter out) throws IOException, CertificateException {
        Optional<AnchorAcknowledgement> file = Optional.empty();
        if (anchorFile != null) {
            try {
                file = Optional.of(AnchorAcknowledgement.parse(Files.readString(anchorFile, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                out.println("ANCHOR: " + anchorFile + " is not a head-office acknowledgement: " + e.getMessage());
                return false;
            }
        }
        java.util.List<PublicKey> key = new java.util.ArrayList<>();
        for (Path cert : headOfficeCerts) {
            try (InputStream in = Files.newInputStream(cert)) {
                key.add(CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey());
            }
        }
        AnchorCheck.Result r = AnchorCheck.check(jdbi, workstation, file, key);
        if (r.kind() == AnchorCheck.Kind.NO_ACKNOWLEDGEMENT) {
            // Not a failure, but no evidence either: a rolled-back or rewritten file is caught only against one.
            out.println("ANCHOR NOT CHECKED: " + r.message() + "; a rolled-back or rewritten file is caught only "
                    + "against one: give --anchor with the newest acknowledgement from the share's processed/ folder");
        } else {
            out.println((r.ok() ? "ANCHOR OK: " : "ANCHOR FAILED: ") + r.message()
                    + (key.isEmpty() ? " (signature not checked: give --head-office-cert)" : ""));
        }
        boolean ok = r.ok();
        if (receipt != null) {
            ReceiptReference.Check c;
            try {
                c = ReceiptReference.parse(receipt).check(jdbi);
            } catch (IllegalArgumentException e) {
                out.println("RECEIPT FAILED: " + e.getMessage());
                return false;
            }
            out.println((c.ok() ? "RECEIPT OK: " : "RECEIPT FAILED: ") + c.message());
            ok &= c.ok();
        }
        return ok;
    }
}
