package bank.ushield.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link PostgresDatabase} parameters: one fresh database per test class on the PostgreSQL test server,
 * created when a test first asks for its URL (SQLite-only runs of a parameterised class never touch the server)
 * and dropped with its roles after the class.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = extensionContext;
        while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String testClass = extensionContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NS).getOrComputeIfAbsent("database",
                k -> new Dropped(new PostgresDatabase(testClass)), Dropped.class).database;
    }

    /** Drops the database when the class's extension context closes. */
    @SuppressWarnings("deprecation")
    private record Dropped(PostgresDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.drop();
        }
    }
}
