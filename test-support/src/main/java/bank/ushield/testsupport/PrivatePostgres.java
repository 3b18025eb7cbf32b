package bank.ushield.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of one test's own (initdb and pg_ctl in a temporary folder, on a free loopback port), so a
 * test can stop and start it in the middle of work without touching the shared test server other tests use. As
 * root (CI) the server runs as the system's postgres user, since PostgreSQL refuses to run as root. Without the
 * server binaries the test is skipped, unless CI is set: then it fails.
 */
public final class PrivatePostgres implements AutoCloseable {

    /** The superuser initdb makes (trust authentication on the loopback address: a test server only). */
    public static final String USER = "ushield_admin";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private final boolean asPostgres;

    private PrivatePostgres(Path bin, Path folder, int port, boolean asPostgres) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Makes a new cluster in a new folder under {@code parent} and starts it. */
    public static PrivatePostgres start(Path parent) throws IOException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory(parent, "pg");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(bin, folder, port, root);
        if (root) {
            // The postgres user must reach its folder: open the path down to it for traversal, own the folder.
            for (Path p = folder; p != null && !p.equals(Path.of("/")); p = p.getParent()) {
                pg.exec(false, "chmod", "o+x", p.toString());
            }
            pg.exec(false, "chown", "postgres:postgres", folder.toString());
        }
        pg.exec(root, bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-sync");
        pg.start();
        return pg;
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
            if (bin != null) {
                return bin;
            }
        } catch (IOException e) {
            // none installed: said below
        }
        String why = "No PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI is set, so this test must run: " + why);
        }
        Assumptions.abort(why);
        return null;
    }

    /** Starts the server (again) on the same port and waits until it accepts connections. */
    public void start() {
        exec(asPostgres, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /**
     * Stops the server the hard way (immediate mode: every connection is cut at once, as when the server crashes or
     * is killed; it recovers from its write-ahead log at the next start).
     */
    public void stop() {
        exec(asPostgres, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** A new database (C collation, as docs/db.md asks of a branch database); its JDBC URL. */
    public String createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    /** Runs statements as the superuser in {@code database}. */
    public void execute(String database, String... sql) {
        try (Connection c = DriverManager.getConnection(url(database), USER, ""); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Private PostgreSQL: " + String.join("; ", sql) + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Turns TLS on with {@code certPem}/{@code keyPem} (copied into the cluster, the key owner-only) and, as
     * docs/production-mode.md asks of a branch server, accepts logins on the loopback address only over TLS with a
     * password (scram-sha-256); only {@link #USER} keeps its plain trusted login for the test's own set-up. Restarts
     * the server.
     */
    public void requireTls(Path certPem, Path keyPem) throws IOException {
        Path cert = Files.copy(certPem, folder.resolve("server.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path key = Files.copy(keyPem, folder.resolve("server.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (asPostgres) {
            exec(false, "chown", "postgres:postgres", cert.toString(), key.toString());
        }
        Files.writeString(data.resolve("postgresql.conf"), "\nssl = on\nssl_cert_file = '" + cert + "'\nssl_key_file = '"
                + key + "'\npassword_encryption = 'scram-sha-256'\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all " + USER + " 127.0.0.1/32 trust",
                "hostssl all all 127.0.0.1/32 scram-sha-256",
                "hostnossl all all 127.0.0.1/32 reject", ""), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        stop();
        start();
    }

    /** The server's own log (what it said about the stop and the recovery). */
    public String serverLog() {
        try {
            return Files.readString(folder.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            exec(asPostgres, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in the temporary folder
        }
    }

    private void exec(boolean postgres, String... command) {
        List<String> cmd = new ArrayList<>();
        if (postgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", cmd), e);
        }
    }
}
