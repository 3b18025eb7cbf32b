package bank.ushield.casync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.store.QuarantineStore;

/**
 * What happens to a file of the inbox after its check: archived into processed, or moved into quarantine next to a
 * reason file, the refusal recorded (ca_quarantine) and audited. Shared by response batches and customer extracts.
 */
final class InboxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    private InboxFiles() {
    }

    /** Name suffix of the reason file written beside a quarantined file. */
    static final String REASON_SUFFIX = ".reason.txt";
    private static final int MAX_STORED_NAME = 120;

    /**
     * Moves the file into the folder under a safe form of its name ({@link #storedName}), or that name with .1, .2,
     * ... when the name or its reason file is taken. Never overwrites: the file is hard-linked under the new name
     * (which fails if the name exists) and then unlinked; where links are not supported, a plain rename that refuses
     * an existing target.
     */
    static Path moveUnique(Path file, Path folder, String name) {
        String base = storedName(name);
        try {
            for (int i = 0; ; i++) {
                Path target = folder.resolve(i == 0 ? base : base + "." + i);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(target.resolveSibling(target.getFileName() + REASON_SUFFIX),
                        LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    Files.createLink(target, file);
                    Files.delete(file);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    continue;
                } catch (UnsupportedOperationException | IOException noLink) {
                    // A symbolic link, or a file system without hard links: rename, never replacing.
                }
                try {
                    return Files.move(file, target);
                } catch (FileAlreadyExistsException taken) {
                    // taken meanwhile: next suffix
                }
            }
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot move " + printable(name) + " to " + folder,
                    e);
        }
    }

    /**
     * The name a file gets in processed or quarantine: letters, digits, '.', '-' and '_' of the ASCII range kept,
     * anything else '_', at most 120 characters, never hidden (leading '.') and never looking like a reason file;
     * the original name is kept, escaped, in the reason file, the database row and the audit entry.
     */
    static String storedName(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-'
                || c == '_') ? (char) c : '_'));
        String s = b.length() > MAX_STORED_NAME ? b.substring(0, MAX_STORED_NAME) : b.toString();
        if (s.isEmpty() || s.startsWith(".")) {
            s = "_" + s;
        }
        if (s.endsWith(REASON_SUFFIX)) {
            s = s + "_";
        }
        return s;
    }

    /**
     * A name or text from a file as a person may read it in a reason file, a log line or a screen: backslash,
     * control, format (bidi), separator, private-use and unassigned characters as a backslash, 'u' and four hex
     * digits; a name that could not be decoded shows U+FFFD escaped the same way.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\\' || c == 0xFFFD || Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.SURROGATE) {
                if (Character.isBmpCodePoint(c)) {
                    b.append(String.format("\\u%04X", c));
                } else {
                    b.append(String.format("\\U%08X", c));
                }
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The SHA-256 of a refused file as it lies in the inbox (streamed), or null when it cannot be read. */
    private static String sha256Of(Path file) {
        if (Files.isSymbolicLink(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The refusal of a file that cannot be read (permissions, I/O error): it is quarantined, not retried forever. */
    static BatchRejectedException unreadable(IOException e) {
        return new BatchRejectedException(RejectionCode.UNREADABLE, "The file cannot be read ("
                + e.getClass().getSimpleName() + "); check its permissions and ask head office to send it again");
    }

    /** The file's size; a file that cannot be read is a FILE_IO failure. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot read " + printable(file.getFileName()
                    .toString()), e);
        }
    }

    /**
     * Moves a refused file into quarantine with {@code <file>.reason.txt} (code, reason, size, SHA-256), records it in
     * ca_quarantine and appends the audit event {@code eventType}, outcome REJECTED; nothing from the file is applied.
     */
    static Quarantined quarantine(Jdbi jdbi, SyncAuditTrail audit, Clock clock, Path quarantineFolder, Path file,
                                  BatchRejectedException e, String knownSha256, long size, String eventType) {
        String sha256 = knownSha256 != null ? knownSha256 : sha256Of(file);
        String name = printable(file.getFileName().toString());
        String reason = printable(e.getMessage());
        LOG.warn("{} quarantined ({}): {}", name, e.code(), reason);
        String now = clock.instant().toString();
        Path target = moveUnique(file, quarantineFolder, file.getFileName().toString());
        Path reasonFile = target.resolveSibling(target.getFileName() + REASON_SUFFIX);
        String text = "file: " + name + "\n"
                + "stored-as: " + target.getFileName() + "\n"
                + "code: " + e.code() + "\n"
                + "reason: " + reason + "\n"
                + "size: " + size + "\n"
                + (sha256 == null ? "" : "sha256: " + sha256 + "\n")
                + "quarantined-at: " + now + "\n"
                + "nothing from this file was applied\n";
        try {
            Files.writeString(reasonFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException io) {
            LOG.error("Cannot write the reason file {}", reasonFile, io);
        }
        try {
            jdbi.useTransaction(h -> {
                QuarantineStore.insert(h, name, target.getFileName().toString(), sha256, size, e.code().name(),
                        reason, now);
                audit.record(h, eventType, "REJECTED", null, refusalDetails(name, e, sha256, size));
            });
        } catch (RuntimeException dbError) {
            LOG.error("Quarantine of {} could not be recorded in the database", name, dbError);
        }
        return new Quarantined(e.code(), reason, target, reasonFile);
    }

    /** The audit details of a refused file. */
    static Map<String, Object> refusalDetails(String name, BatchRejectedException e, String sha256, long size) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", printable(name));
        details.put("code", e.code().name());
        details.put("reason", printable(e.getMessage()));
        details.put("sha256", sha256);
        details.put("size", size);
        return details;
    }
}
