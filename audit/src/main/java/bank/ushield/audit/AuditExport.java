package bank.ushield.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Evidence exports for inspections: the entries matching a query as CSV (UTF-8), a detached CMS SignedData
 * signature over the CSV bytes by the workstation key (verifiable with {@code openssl cms -verify}), the workstation
 * certificate, and the signed tree head taken at export time. The export itself is recorded (EXPORT_MADE).
 */
public final class AuditExport {

    /** CSV header; columns as stored (details are canonical JSON, masked). */
    public static final String HEADER =
            "seq,at,workstation,actor,role,case_id,customer_ref,event_type,outcome,details,leaf_hash";

    private AuditExport() {
    }

    /** What an export wrote. */
    public record Result(Path csv, Path signature, Path certificate, Path checkpoint, long rows, String sha256,
                         SignedTreeHead head) {
    }

    /** Writes only the CSV of the entries matching {@code query}; returns the number of rows. */
    public static long writeCsv(AuditSearch search, AuditQuery query, Path csv) {
        try (OutputStream out = Files.newOutputStream(csv)) {
            return writeCsv(search, query, out);
        } catch (IOException e) {
            throw new AuditException(AuditException.Code.EXPORT, "The export file " + csv + " cannot be written", e);
        }
    }

    private static long writeCsv(AuditSearch search, AuditQuery query, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write("\r\n");
        long[] rows = {0};
        IOException[] failure = {null};
        search.forEach(query, e -> {
            if (failure[0] != null) {
                return;
            }
            try {
                w.write(row(e));
                rows[0]++;
            } catch (IOException io) {
                failure[0] = io;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        w.flush();
        return rows[0];
    }

    static String row(AuditEntry e) {
        return String.join(",", List.of(Long.toString(e.seq()), e.atText(), csv(e.workstation()), csv(e.actor()),
                csv(e.role()), e.caseId() == null ? "" : e.caseId().toString(), csv(e.customerRef()),
                e.type().name(), e.outcome().name(), csv(e.details()), e.leafHashHex())) + "\r\n";
    }

    /** RFC 4180 quoting; a leading formula character is prefixed so spreadsheets show text, not run it. */
    static String csv(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /**
     * Exports the entries matching {@code query} into {@code dir} as {@code baseName}.csv with a detached CMS
     * signature ({@code .csv.p7s}, DER), the certificate ({@code workstation-cert.pem}) and a fresh signed tree head
     * ({@code .checkpoint.txt}); then records EXPORT_MADE by {@code actor}.
     */
    public static Result export(AuditLog log, AuditQuery query, Path dir, String baseName, WorkstationKeys keys,
                                String actor, String role) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(baseName + ".csv");
            MessageDigest sha = MerkleTree.newSha256();
            long rows;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(csv), sha)) {
                rows = writeCsv(new AuditSearch(log.jdbi()), query, out);
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            Path p7s = dir.resolve(baseName + ".csv.p7s");
            Files.write(p7s, signDetached(csv, keys));
            Path cert = dir.resolve("workstation-cert.pem");
            Files.writeString(cert, keys.certificatePem(), StandardCharsets.US_ASCII);
            SignedTreeHead head = log.checkpoint(keys);
            Path checkpoint = dir.resolve(baseName + ".checkpoint.txt");
            Files.writeString(checkpoint, head.signedNote(), StandardCharsets.UTF_8);
            log.append(AuditEvent.builder(AuditEventType.EXPORT_MADE, AuditOutcome.OK)
                    .actor(actor, role)
                    .detail("file", csv.getFileName().toString())
                    .detail("rows", rows)
                    .detail("csvSha256", digest)
                    .detail("treeSize", head.head().size())
                    .build());
            return new Result(csv, p7s, cert, checkpoint, rows, digest, head);
        } catch (IOException e) {
            throw new AuditException(AuditException.Code.EXPORT, "The export to " + dir + " cannot be written", e);
        }
    }

    /** A detached CMS SignedData (DER) over the file's bytes, signed with the workstation key, certificate included. */
    public static byte[] signDetached(Path content, WorkstationKeys keys) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(WorkstationKeys.SIGNATURE_ALGORITHM).build(keys.privateKey()),
                            keys.certificate()));
            gen.addCertificates(new JcaCertStore(List.of(keys.certificate())));
            CMSSignedData signed = gen.generate(new CMSProcessableFile(content.toFile()), false);
            return signed.getEncoded();
        } catch (CMSException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new AuditException(AuditException.Code.EXPORT, "The export cannot be signed: " + e.getMessage(), e);
        }
    }
}
