package bank.ushield.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link DatabaseFile} parameters: each one a new, not yet existing SQLite file in a folder of the test
 * class (under target/test-databases), removed after the class unless KEEP_TEST_DATABASES is set.
 */
public final class DatabaseFileExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DatabaseFileExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DatabaseFile.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Path dir = folder(extensionContext);
        return new DatabaseFile(dir.resolve("test-" + COUNTER.incrementAndGet() + ".db"));
    }

    private static Path folder(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        String key = context.getRequiredTestClass().getName();
        return store.getOrComputeIfAbsent(key, k -> {
            try {
                Path base = Path.of("target", "test-databases");
                Files.createDirectories(base);
                return Files.createTempDirectory(base.toAbsolutePath(), context.getRequiredTestClass().getSimpleName() + "-");
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a test database folder", e);
            }
        }, Path.class);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Path dir = context.getRoot().getStore(NS).remove(context.getRequiredTestClass().getName(), Path.class);
        if (dir == null || System.getenv("KEEP_TEST_DATABASES") != null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
