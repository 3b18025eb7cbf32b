package bank.ushield.casync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder transport: request batches appear in outbox (by atomic rename), response batches are picked up from
 * inbox; imported files move to processed, refused ones to quarantine with a reason file.
 */
public record SyncFolders(Path outbox, Path inbox, Path processed, Path quarantine) {

    /** The four folders under one root: outbox, inbox, processed, quarantine. */
    public static SyncFolders under(Path root) {
        return new SyncFolders(root.resolve("outbox"), root.resolve("inbox"), root.resolve("processed"),
                root.resolve("quarantine"));
    }

    /** Creates the folders that do not exist yet. */
    public SyncFolders create() {
        try {
            for (Path p : new Path[] {outbox, inbox, processed, quarantine}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the batch folders under " + outbox.getParent(), e);
        }
        return this;
    }
}
