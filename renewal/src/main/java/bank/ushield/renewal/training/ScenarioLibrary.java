package bank.ushield.renewal.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenarios a trainer can pick: the built-in files shipped with the app, then the trainer's own files
 * ({@code *.json} in the training data folder's scenario folder, read at start). A trainer's file with the id of
 * a built-in one replaces it; a broken file is reported in {@link #problems()} and left out, never fatal.
 */
public final class ScenarioLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioLibrary.class);
    static final String BUILT_IN_DIR = "bank/ushield/renewal/training/scenarios/";
    /** Ids of the built-in scenarios, in the order a trainer sees them. */
    public static final List<String> BUILT_IN = List.of(
            "expired-45-days", "expired-10-days", "wrong-token", "wrong-pin-twice", "pin-locked",
            "card-of-another-customer", "expired-id-manager-override", "token-pulled-during-write",
            "head-office-rejects", "online-name-mismatch", "online-service-unavailable", "sm2-token");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Scenario> scenarios;
    private final List<ScenarioException> problems;

    private ScenarioLibrary(Map<String, Scenario> scenarios, List<ScenarioException> problems) {
        this.scenarios = Collections.unmodifiableMap(scenarios);
        this.problems = List.copyOf(problems);
    }

    /** The built-in scenarios only. */
    public static ScenarioLibrary builtIn() {
        return load(null);
    }

    /**
     * The built-in scenarios plus the trainer's files in {@code trainerDir} (may be null or missing).
     */
    public static ScenarioLibrary load(Path trainerDir) {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        List<ScenarioException> problems = new ArrayList<>();
        for (String id : BUILT_IN) {
            String resource = BUILT_IN_DIR + id + ".json";
            try (InputStream in = ScenarioLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ScenarioException(ScenarioException.Code.UNREADABLE, resource, "built-in scenario missing");
                }
                Scenario s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource).withSource("built-in");
                byId.put(s.id(), s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (trainerDir != null && Files.isDirectory(trainerDir)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(trainerDir, "*.json")) {
                dir.forEach(files::add);
            } catch (IOException e) {
                problems.add(new ScenarioException(ScenarioException.Code.UNREADABLE, trainerDir.toString(),
                        "cannot list the scenario folder", e));
            }
            Collections.sort(files);
            for (Path file : files) {
                try {
                    Scenario s = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString())
                            .withSource(file.getFileName().toString());
                    Scenario replaced = byId.put(s.id(), s);
                    if (replaced != null && !"built-in".equals(replaced.source())) {
                        problems.add(new ScenarioException(ScenarioException.Code.DUPLICATE_ID, file.toString(),
                                "scenario id '" + s.id() + "' is also used by " + replaced.source()));
                    }
                } catch (ScenarioException e) {
                    LOG.warn("Scenario file {} left out: {}", file, e.getMessage());
                    problems.add(e);
                } catch (IOException e) {
                    problems.add(new ScenarioException(ScenarioException.Code.UNREADABLE, file.toString(),
                            "cannot read the file", e));
                }
            }
        }
        return new ScenarioLibrary(byId, problems);
    }

    /** Reads and checks one scenario file's text. */
    public static Scenario parse(String json, String file) {
        Scenario s;
        try {
            s = JSON.readValue(json, Scenario.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message names the line and the field: what a trainer needs to fix the file.
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ScenarioException(ScenarioException.Code.INVALID_JSON, file, e.getOriginalMessage() + where, e);
        }
        require(s.id() != null && !s.id().isBlank(), file, "id");
        require(s.title() != null && !s.title().isEmpty(), file, "title");
        require(s.customer() != null, file, "customer");
        require(s.customer().name() != null, file, "customer.name");
        require(s.customer().idNumber() != null, file, "customer.idNumber");
        require(s.customer().cardNumber() != null, file, "customer.cardNumber");
        require(s.token() != null, file, "token");
        require(s.token().serial() != null, file, "token.serial");
        require(s.token().pin() != null, file, "token.pin");
        require(!s.expected().finalStates().isEmpty() || !s.expected().required().isEmpty(), file,
                "expected.finalStates or expected.required");
        for (ScenarioFault f : s.faults()) {
            if (f.kind() == ScenarioFault.Kind.TOKEN_REMOVED && f.step() != null
                    && java.util.Arrays.stream(bank.ushield.token.simulated.SimulatedFaults.Operation.values())
                            .noneMatch(op -> op.name().equals(f.step().strip()))) {
                throw new ScenarioException(ScenarioException.Code.INVALID_VALUE, file, "faults: unknown token step '"
                        + f.step() + "', one of " + java.util.Arrays.toString(
                                bank.ushield.token.simulated.SimulatedFaults.Operation.values()));
            }
        }
        return s;
    }

    private static void require(boolean present, String file, String field) {
        if (!present) {
            throw new ScenarioException(ScenarioException.Code.MISSING_FIELD, file, "missing field: " + field);
        }
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    public Optional<Scenario> find(String id) {
        return Optional.ofNullable(scenarios.get(id));
    }

    public Scenario get(String id) {
        return find(id).orElseThrow(() ->
                new ScenarioException(ScenarioException.Code.UNKNOWN_SCENARIO, id, "no scenario with id " + id));
    }

    /** Trainer files that were left out, with the reason. */
    public List<ScenarioException> problems() {
        return problems;
    }
}
