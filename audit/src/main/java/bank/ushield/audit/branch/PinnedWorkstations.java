package bank.ushield.audit.branch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other workstations' signing certificates IT placed at this workstation (their exported
 * {@code export-workstation-certificate} files, PEM or DER, in one folder), by the workstation id in each
 * certificate's CN. A log checked against them is caught when an insider re-signs it with a key of their own, above
 * head office's last acknowledgement too (docs/adr/0089, 0098).
 */
public final class PinnedWorkstations {

    /** The folder's name inside the production data folder. */
    public static final String FOLDER = "branch-workstations";
    private static final Logger LOG = LoggerFactory.getLogger(PinnedWorkstations.class);

    private final Map<String, List<X509Certificate>> byWorkstation;

    private PinnedWorkstations(Map<String, List<X509Certificate>> byWorkstation) {
        this.byWorkstation = byWorkstation;
    }

    /**
     * Reads every {@code *.pem}, {@code *.crt}, {@code *.cer} and {@code *.der} of {@code folder} (none when the
     * folder is absent). A file that holds no certificate is skipped with a warning naming it, so the manager's review
     * still opens; that workstation's log is then checked unpinned, as before.
     */
    public static PinnedWorkstations read(Path folder) {
        Map<String, List<X509Certificate>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return new PinnedWorkstations(out);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{pem,crt,cer,der}")) {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (java.security.cert.Certificate c : x509.generateCertificates(in)) {
                        X509Certificate cert = (X509Certificate) c;
                        String id = commonName(cert);
                        if (id == null) {
                            LOG.warn("Pinned workstation certificate in {} has no CN naming a workstation; skipped", file);
                            continue;
                        }
                        out.computeIfAbsent(id, k -> new ArrayList<>()).add(cert);
                    }
                } catch (CertificateException | IOException e) {
                    LOG.warn("{} holds no readable workstation certificate; skipped ({})", file, e.getMessage());
                }
            }
        } catch (IOException | CertificateException e) {
            LOG.warn("Cannot read the pinned workstation certificates in {}: {}", folder, e.getMessage());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return new PinnedWorkstations(Map.copyOf(out));
    }

    /** The pinned certificates of {@code workstation} (its current and any earlier keys IT placed); empty: none. */
    public List<X509Certificate> of(String workstation) {
        return byWorkstation.getOrDefault(workstation, List.of());
    }

    /** The workstations with a pinned certificate. */
    public java.util.Set<String> workstations() {
        return byWorkstation.keySet();
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
