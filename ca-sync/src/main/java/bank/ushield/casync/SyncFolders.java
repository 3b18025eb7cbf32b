package bank.ushield.casync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder transport: request batches appear in outbox (by atomic rename), response batches are picked up from
 * inbox; imported files move to processed, refused ones to quarantine with a reason file. {@code onShare} marks
 * head office's shared folder, whose root is never created here.
 */
public record SyncFolders(Path outbox, Path inbox, Path processed, Path quarantine, boolean onShare) {

    /** The four folders under one root: outbox, inbox, processed, quarantine; the root is made if missing. */
    public static SyncFolders under(Path root) {
        return new SyncFolders(root.resolve("outbox"), root.resolve("inbox"), root.resolve("processed"),
                root.resolve("quarantine"), false);
    }

    /**
     * The four folders under head office's shared folder. The root must exist: a share that is not mounted must
     * not be replaced by a local folder whose batches would never reach head office.
     */
    public static SyncFolders onShare(Path root) {
        return new SyncFolders(root.resolve("outbox"), root.resolve("inbox"), root.resolve("processed"),
                root.resolve("quarantine"), true);
    }

    /** The folder the four live in. */
    public Path root() {
        return outbox.getParent();
    }

    /**
     * Creates the folders that do not exist yet.
     *
     * @throws CaSyncException FOLDER_MISSING when the root of a shared folder does not exist
     */
    public SyncFolders create() {
        if (onShare && !Files.isDirectory(root())) {
            throw new CaSyncException(CaSyncException.Code.FOLDER_MISSING, "The head-office folder " + root()
                    + " does not exist (share not mounted?); it is never created on the local disk", null);
        }
        try {
            for (Path p : new Path[] {outbox, inbox, processed, quarantine}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the batch folders under " + root(), e);
        }
        return this;
    }
}
