package bank.ushield.testsupport;

import java.nio.file.Path;

/** A path where no database file exists yet; the test opens (and so creates) a fresh SQLite file there. */
public record DatabaseFile(Path path) {
}
