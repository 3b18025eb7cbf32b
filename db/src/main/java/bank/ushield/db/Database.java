package bank.ushield.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The workstation's database: its own SQLite file (the default) or the branch's PostgreSQL database
 * ({@link #open(BranchDatabaseSettings)}, docs/adr/0072): connection settings, schema migrations, a small connection
 * pool and the Jdbi entry point. Close it when done (tests that forget only keep one idle connection open).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final DateTimeFormatter INSTANT_TEXT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * At most this many connections. SQLite has one writer at a time anyway; the headroom is for readers and for
     * components that keep a connection of their own (the audit log does).
     */
    private static final int POOL_SIZE = 10;
    /** How long a step waits for a branch database connection before the counter says it is unreachable. */
    private static final long BRANCH_CONNECTION_TIMEOUT_MS = 8_000;

    private final Engine engine;
    private final String workstation;
    private final Path file;
    private final String where;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final String schemaVersion;
    /** The branch database's settings (PostgreSQL only), for opening another workstation's log to read it. */
    private final BranchDatabaseSettings settings;

    private Database(Engine engine, String workstation, Path file, String where, HikariDataSource pool, Jdbi jdbi,
                     String schemaVersion, BranchDatabaseSettings settings) {
        this.settings = settings;
        this.engine = engine;
        this.workstation = workstation;
        this.file = file;
        this.where = where;
        this.pool = pool;
        this.jdbi = jdbi;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens (creating if needed) the database file and brings its schema up to date.
     *
     * @throws DatabaseTooNewException when the file was migrated by a newer release than this one
     */
    public static Database open(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                OwnerOnly.folder(parent);
            }
            // Created empty and 0600 before SQLite opens it (an empty file is an empty database): SQLite gives
            // the -wal and -shm files the database file's permissions.
            OwnerOnly.file(file);
            OwnerOnly.tighten(Path.of(file + "-wal"));
            OwnerOnly.tighten(Path.of(file + "-shm"));
        } catch (java.io.UncheckedIOException e) {
            throw new DatabaseException("Cannot create the folder for database " + file, e);
        }
        SQLiteDataSource dataSource = dataSource(file);
        Flyway flyway = flyway(dataSource, Engine.SQLITE);
        refuseNewerSchema(file.toString(), flyway);
        backUpBeforeMigrating(file, flyway);
        String version = migrate(file.toString(), flyway);
        HikariDataSource pool = pool("sqlite:" + file.getFileName(), dataSource, 30_000);
        Jdbi jdbi = configure(Jdbi.create(pool));
        jdbi.setStatementBuilderFactory(new SqliteStatementCache()); // ADR 0094
        return new Database(Engine.SQLITE, null, file, file.toString(), pool, jdbi, version,
                null);
    }

    /**
     * Opens the branch's PostgreSQL database as {@code settings.workstation()} and brings its schema up to date
     * (several workstations may start at once: Flyway serialises their migrations with a database lock). Every
     * connection carries the workstation id, which selects that workstation's own audit log (docs/adr/0073).
     *
     * @throws DatabaseTooNewException  when a newer release migrated the database
     * @throws DatabaseGrantsException  when the database user lacks rights the workstation needs
     * @throws DatabaseUnreachableException when the server cannot be reached or refuses the login
     */
    public static Database open(BranchDatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String where = settings.toString();
        PGSimpleDataSource dataSource = PostgresAccess.dataSource(settings);
        PostgresAccess.checkReachable(dataSource, settings);
        Flyway flyway = flyway(dataSource, Engine.POSTGRESQL);
        boolean pending;
        try {
            refuseNewerSchema(where, flyway);
            pending = flyway.info().pending().length > 0;
        } catch (org.flywaydb.core.api.FlywayException e) {
            // A user without USAGE on the schema cannot even read the migration history: said as a missing right.
            throw PostgresAccess.privilegeRefusal(e, settings);
        }
        PostgresAccess.refuseMissingGrants(dataSource, settings, pending);
        String version = migrate(where, flyway);
        PostgresAccess.refuseMissingGrants(dataSource, settings, false);
        // A stopped server is said to the teller within seconds, not after the 30 s a pool leak would get.
        HikariDataSource pool = pool("postgresql:" + settings.workstation(), dataSource, BRANCH_CONNECTION_TIMEOUT_MS);
        return new Database(Engine.POSTGRESQL, settings.workstation(), null, where, pool, configure(Jdbi.create(pool)), version,
                settings);
    }

    /**
     * The same branch database seen as {@code otherWorkstation}, read-only (every transaction of its sessions is READ
     * ONLY, so nothing can be written through it): the manager's review, verify and sign-off read each workstation's
     * log through such a view (docs/adr/0089). Two connections at most, opened on demand; close it after use. No
     * migration or rights check runs (this database already did them).
     *
     * @throws IllegalStateException on a SQLite file, which holds one workstation's log only
     */
    public Database readerFor(String otherWorkstation) {
        if (settings == null) {
            throw new IllegalStateException("The " + where + " is one workstation's file: it holds no other log");
        }
        return readOnly(settings.forWorkstation(otherWorkstation), schemaVersion);
    }

    /** A read-only view of the branch database as {@code s.workstation()}: two connections at most, on demand. */
    private static Database readOnly(BranchDatabaseSettings s, String schemaVersion) {
        PGSimpleDataSource dataSource = PostgresAccess.dataSource(s);
        dataSource.setOptions(dataSource.getOptions() + " -c default_transaction_read_only=on");
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName("postgresql-read:" + s.workstation());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        config.setConnectionTimeout(30_000);
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(Engine.POSTGRESQL, s.workstation(), null, s + " (read-only)", pool,
                configure(Jdbi.create(pool)), schemaVersion, null);
    }

    /**
     * Opens the branch's PostgreSQL database for reading only, as {@code settings.workstation()} (whose audit log
     * the session sees): no migration, no rights check, every connection read-only, so verifying or searching a
     * workstation's log changes nothing (audit verify).
     *
     * @throws DatabaseUnreachableException when the server cannot be reached or refuses the login
     */
    public static Database openReadOnly(BranchDatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        PostgresAccess.checkReachable(PostgresAccess.dataSource(settings), settings);
        return readOnly(settings, "read-only");
    }

    private static Flyway flyway(javax.sql.DataSource dataSource, Engine engine) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(engine.migrationLocations())
                // A future migration means a newer release wrote this database: refuse, do not ignore.
                .ignoreMigrationPatterns("")
                // Versions are numbered per area (ADR 0003): a release may add V3 to a file already at V31.
                .outOfOrder(true)
                .validateOnMigrate(false)
                .load();
    }

    private static String migrate(String where, Flyway flyway) {
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        String version = current == null ? "0" : current.getVersion().getVersion();
        LOG.info("Database {} at schema version {}", where, version);
        return version;
    }

    /**
     * Pooled connections: opening a SQLite connection costs a few ms, and closing the last one checkpoints and
     * removes the WAL file, so a pool that keeps one connection open makes short transactions several times
     * cheaper (figures in docs/performance.md, "db"); a PostgreSQL connection costs a network round trip and a
     * server process, more still.
     */
    private static HikariDataSource pool(String name, javax.sql.DataSource dataSource, long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName(name);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // A caller waiting this long for a connection has a leak or a deadlock: fail with a message, not hang.
        config.setConnectionTimeout(connectionTimeoutMs);
        return new HikariDataSource(config);
    }

    /** Closes the pooled connections; the Jdbi instance must not be used afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    /** The folder beside the database where copies taken before a schema migration go. */
    public static final String PRE_MIGRATION_BACKUPS = "backups";

    /**
     * An existing database that a migration is about to change is copied first (backups/NAME-before-VN-TIME.db),
     * so a failed or unwanted upgrade can be undone by restoring that copy.
     */
    private static void backUpBeforeMigrating(Path file, Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        MigrationInfo[] pending = flyway.info().pending();
        if (current == null || pending.length == 0) {
            return; // a new file, or nothing to migrate
        }
        String name = file.getFileName().toString().replaceFirst("\\.db$", "");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path target = file.toAbsolutePath().getParent().resolve(PRE_MIGRATION_BACKUPS)
                .resolve(name + "-before-V" + pending[0].getVersion().getVersion() + "-" + stamp + ".db");
        BackupStore.copy(file, target);
        BackupStore.ownerOnly(target.getParent());
        LOG.info("Database {} at schema version {} backed up to {} before migrating to {}", file,
                current.getVersion().getVersion(), target, pending[pending.length - 1].getVersion().getVersion());
    }

    private static void refuseNewerSchema(String where, Flyway flyway) {
        // Versions are numbered per area (ADR 0003): a newer release's migration can sit below this release's
        // newest (a core V6 under renewal's V35), and Flyway calls it MISSING, not FUTURE. Both mean a newer
        // release wrote the database.
        MigrationInfo[] future = Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED
                        || m.getState() == MigrationState.MISSING_SUCCESS || m.getState() == MigrationState.MISSING_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            MigrationInfo newest = future[future.length - 1];
            throw new DatabaseTooNewException(where, newest.getVersion().getVersion(), knownVersion(flyway));
        }
    }

    private static String knownVersion(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m -> !m.getState().name().startsWith("FUTURE") && !m.getState().name().startsWith("MISSING"))
                .map(m -> m.getVersion().getVersion())
                .reduce((a, b) -> b)
                .orElse("0");
    }

    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // FULL: an audit append is on disk when the commit returns, even across power loss.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Writers take the lock at BEGIN, so two writers queue instead of failing on lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTransactionHandler(new PhaseTimedTransactions(jdbi.getTransactionHandler()));
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerArgument(new LocalDateArgumentFactory());
        jdbi.registerArgument(new BooleanArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            String text = rs.getString(col);
            return text == null ? null : Instant.parse(text);
        });
        jdbi.registerColumnMapper(LocalDate.class, (rs, col, ctx) -> {
            String text = rs.getString(col);
            return text == null ? null : LocalDate.parse(text);
        });
        return jdbi;
    }

    /**
     * True when {@code error} (or one of its causes) says the branch database server is gone or cannot be reached
     * (stopped, restarting, network down): the step did not commit and can be repeated once the server is back.
     */
    public static boolean connectionLost(Throwable error) {
        return PostgresAccess.connectionLost(error);
    }

    /** The Jdbi entry point; repositories and other modules build on it. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The database file; a branch database on PostgreSQL has none (see {@link #engine()}). */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("The " + where + " is not a file");
        }
        return file;
    }

    /**
     * On a branch database, the workstation every connection acts for (it selects that workstation's audit log);
     * null for a SQLite file, which belongs to one workstation anyway.
     */
    public String workstation() {
        return workstation;
    }

    /** Which engine this database runs on. */
    public Engine engine() {
        return engine;
    }

    /** The file path, or the branch database's URL (without parameters), user and workstation: for messages. */
    public String description() {
        return where;
    }

    /** The branch database's address without parameters (PostgreSQL only; empty for a SQLite file), for screens. */
    public java.util.Optional<String> branchAddress() {
        return java.util.Optional.ofNullable(settings).map(x -> {
            int q = x.url().indexOf('?');
            return q < 0 ? x.url() : x.url().substring(0, q);
        });
    }

    /** The database user this workstation connects as (PostgreSQL only; empty for a SQLite file), for screens. */
    public java.util.Optional<String> branchUser() {
        return java.util.Optional.ofNullable(settings).map(BranchDatabaseSettings::user);
    }

    /** The schema version this file is at after opening. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * The text form of an instant in the database: ISO-8601 UTC with always nine fraction digits
     * (2026-11-25T02:33:21.123456789Z). Fixed width, so SQL comparisons and ORDER BY on the text follow time order;
     * Instant.toString() drops zero fractions ("...:21Z" sorts after "...:21.5Z") and would break them.
     */
    public static String instantText(Instant value) {
        return INSTANT_TEXT.format(value);
    }

    /** Instants are stored as fixed-width ISO-8601 UTC text, so the file reads the same in any SQLite tool. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, instantText(value));
        }
    }

    /**
     * Flags are INTEGER 0/1 columns on both engines (SQLite has no boolean type; the schema is the same on both), so a
     * Java boolean is bound as 0 or 1: PostgreSQL would refuse a boolean for an integer column.
     */
    private static final class BooleanArgumentFactory implements org.jdbi.v3.core.argument.ArgumentFactory.Preparable {
        @Override
        public java.util.Optional<java.util.function.Function<Object, Argument>> prepare(java.lang.reflect.Type type,
                                                                                         ConfigRegistry config) {
            if (type != boolean.class && type != Boolean.class) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(value -> (position, statement, ctx) -> {
                if (value == null) {
                    statement.setNull(position, Types.INTEGER);
                } else {
                    statement.setInt(position, (Boolean) value ? 1 : 0);
                }
            });
        }
    }

    /** Dates are stored as ISO-8601 text (yyyy-MM-dd). */
    private static final class LocalDateArgumentFactory extends AbstractArgumentFactory<LocalDate> {
        LocalDateArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(LocalDate value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.toString());
        }
    }
}
