package bank.ushield.idverification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the tables shipped in this jar; a missing or broken table is a packaging error, not a user error. */
public final class Resources {

    /** Parses a resource stream. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(InputStream in) throws IOException;
    }

    /** One row of a table, turned into a value; a RuntimeException marks the row malformed. */
    @FunctionalInterface
    public interface RowParser {
        void accept(String[] fields);
    }

    private Resources() {
    }

    /**
     * Reads a UTF-8 tab-separated table, skipping blank lines and '#' comments; a row the parser rejects becomes
     * an IOException naming the table and the line.
     */
    public static void forEachRow(InputStream in, String table, RowParser parser) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                parser.accept(line.split("\t"));
            } catch (RuntimeException e) {
                throw new IOException(table + " line " + lineNo + " is malformed: " + e.getMessage(), e);
            }
        }
    }

    public static <T> T load(String path, Parser<T> parser) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("table missing from the jar: " + path);
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped table " + path, e);
        }
    }
}
