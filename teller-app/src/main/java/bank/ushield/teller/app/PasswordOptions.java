package bank.ushield.teller.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a command takes a staff password from: typed when asked (not echoed), a file, or an environment variable;
 * never the command line itself, where it would stay in the shell history and be visible to every process.
 */
final class PasswordOptions {

    /** The words used when a password is given on the command line. */
    static final String ON_COMMAND_LINE = "A password is never given on the command line (it would stay in the shell "
            + "history and be visible in the process list): give --password alone to be asked for it, or "
            + "--password-file FILE or --password-env VARIABLE";

    @Option(names = "--password", arity = "0", interactive = true, preprocessor = RefuseValue.class,
            prompt = "Password of the account (not shown as it is typed): ",
            description = "Ask for the password (typed, not echoed)")
    char[] typed;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (keep it owner-only, delete it after)")
    Path file;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "Read the password from the environment variable VARIABLE")
    String env;

    /** The password given one of the three ways, or null when none was; a caller wipes the array after use. */
    char[] password(CommandLine cmd, Function<String, String> environment) {
        int given = (typed != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
        if (given > 1) {
            throw new ParameterException(cmd, "Give the password one way only: --password, --password-file or "
                    + "--password-env");
        }
        if (typed != null) {
            return typed;
        }
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String line = end < 0 ? text : text.substring(0, end);
                return line.strip().toCharArray();
            } catch (IOException e) {
                throw new ParameterException(cmd, "Cannot read the password file " + file + ": "
                        + e.getClass().getSimpleName());
            }
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                throw new ParameterException(cmd, "The environment variable " + env + " is not set");
            }
            return value.toCharArray();
        }
        return null;
    }

    /** Refuses {@code --password VALUE} and {@code --password=VALUE} with {@link #ON_COMMAND_LINE}. */
    static final class RefuseValue implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
                                  Map<String, Object> info) {
            // picocli says " " for a separate word (`--password` alone), "=" for `--password=VALUE`.
            Object separator = info.get("separator");
            boolean attached = separator != null && !separator.toString().isBlank();
            if (attached || !args.isEmpty() && !args.peek().startsWith("-")) {
                throw new ParameterException(commandSpec.commandLine(), ON_COMMAND_LINE);
            }
            return false;
        }
    }
}
