package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.PrivatePostgres;

/**
 * The branch database over TLS as docs/production-mode.md sets it up: a server of the test's own that accepts only
 * TLS logins with a password, its certificate issued by a test "bank CA" made with OpenSSL. The workstation connects
 * with sslmode=verify-full; a server certificate from another CA, a plain connection, and an address on another
 * machine without verify-full are each refused in words.
 */
class BranchDatabaseTlsTest {

    private static final String PASSWORD = "W01-Tls-Secret";

    @TempDir
    static Path tmp;

    private static PrivatePostgres server;
    private static Path bankCa;
    private static Path otherCa;

    @BeforeAll
    static void tlsServer() throws IOException {
        Path pki = Files.createDirectories(tmp.resolve("pki"));
        bankCa = ca(pki, "bank");
        otherCa = ca(pki, "other");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(pki, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "server.key", "-out", "server.csr", "-subj", "/CN=db.branch0102.test");
        openssl(pki, "x509", "-req", "-in", "server.csr", "-CA", "bank.pem", "-CAkey", "bank.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        server = PrivatePostgres.start(Files.createDirectories(tmp.resolve("server")));
        server.execute("postgres", "CREATE ROLE ushield_w01 LOGIN PASSWORD '" + PASSWORD + "'");
        server.execute("postgres", "CREATE DATABASE ushield_0102 OWNER ushield_w01 TEMPLATE template0 ENCODING 'UTF8' "
                + "LC_COLLATE 'C' LC_CTYPE 'C'");
        server.requireTls(pki.resolve("server.pem"), pki.resolve("server.key"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void verifyFullWithTheBanksCaConnectsOverTls() {
        Database db = Database.open(settings("?sslmode=verify-full&sslrootcert=" + bankCa));
        try {
            Boolean tls = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").mapTo(Boolean.class).one());
            assertThat(tls).isTrue();
            assertThat(db.description()).doesNotContain(PASSWORD).doesNotContain("sslrootcert");
        } finally {
            db.close();
        }
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefusedAsATlsProblem() {
        assertThatThrownBy(() -> Database.open(settings("?sslmode=verify-full&sslrootcert=" + otherCa)))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("TLS").hasMessageContaining("certificate").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMissingCaFileIsSaidAsSuchNotAsAServerThatIsDown() {
        Path missing = bankCa.resolveSibling("no-such-ca.pem");
        assertThatThrownBy(() -> Database.open(settings("?sslmode=verify-full&sslrootcert=" + missing)))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("CA's certificate file").hasMessageContaining("sslrootcert")
                .hasMessageNotContaining("is the server running").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aPlainConnectionToTheTlsOnlyServerIsRefusedSayingTlsIsRequired() {
        assertThatThrownBy(() -> Database.open(settings("?sslmode=disable")))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("only TLS").hasMessageContaining("sslmode=verify-full")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aServerOnAnotherMachineWithoutVerifyFullIsRefusedBeforeAnyConnection() {
        for (String query : List.of("", "?sslmode=require", "?sslmode=verify-ca&sslrootcert=/x.pem", "?ssl=false")) {
            assertThatThrownBy(() -> BranchDatabaseSettings.of("jdbc:postgresql://db.branch0102.bank.local:5432/u"
                    + query, "ushield_w01", PASSWORD.toCharArray(), "0102-W01"))
                    .as(query).isInstanceOf(DatabaseException.class).hasMessageContaining("sslmode=verify-full");
        }
        assertThat(BranchDatabaseSettings.of("jdbc:postgresql://db.branch0102.bank.local:5432/u?sslmode=verify-full",
                "ushield_w01", PASSWORD.toCharArray(), "0102-W01").url()).contains("verify-full");
        assertThat(BranchDatabaseSettings.of("jdbc:postgresql://db.branch0102.bank.local:5432/u?ssl=true",
                "ushield_w01", PASSWORD.toCharArray(), "0102-W01").url()).contains("ssl=true");
    }

    private static BranchDatabaseSettings settings(String query) {
        return BranchDatabaseSettings.of(server.url("ushield_0102") + query, "ushield_w01", PASSWORD.toCharArray(),
                "0102-W01");
    }

    private static Path ca(Path dir, String name) {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                name + ".key", "-out", name + ".pem", "-subj", "/CN=Test " + name + " root CA", "-days", "2");
        return dir.resolve(name + ".pem");
    }

    private static void openssl(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
