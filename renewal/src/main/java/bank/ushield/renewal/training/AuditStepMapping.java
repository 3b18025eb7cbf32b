package bank.ushield.renewal.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a training case's audit entries into the {@link HandlingStep}s that scenarios are scored on.
 * The table lives in {@code audit-steps.properties} (key forms explained there); every matching key adds its
 * steps, so the table can follow event names as they grow without touching scenario files.
 */
public final class AuditStepMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Set<HandlingStep>> table;
    /** Per key, steps that other keys of the same entry add but this more specific key takes back ("-STEP"). */
    private final Map<String, Set<HandlingStep>> withdrawn;

    private AuditStepMapping(Map<String, Set<HandlingStep>> table, Map<String, Set<HandlingStep>> withdrawn) {
        this.table = table;
        this.withdrawn = withdrawn;
    }

    /** The mapping shipped with the module. */
    public static AuditStepMapping standard() {
        Properties p = new Properties();
        try (InputStream in = AuditStepMapping.class.getResourceAsStream("audit-steps.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<HandlingStep>> table = new LinkedHashMap<>();
        Map<String, Set<HandlingStep>> withdrawn = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            Set<HandlingStep> steps = EnumSet.noneOf(HandlingStep.class);
            Set<HandlingStep> minus = EnumSet.noneOf(HandlingStep.class);
            for (String name : p.getProperty(key).split(",")) {
                String n = name.trim();
                if (n.startsWith("-")) {
                    minus.add(HandlingStep.valueOf(n.substring(1).trim()));
                } else if (!n.isEmpty()) {
                    steps.add(HandlingStep.valueOf(n));
                }
            }
            table.put(key.toUpperCase(Locale.ROOT), steps);
            if (!minus.isEmpty()) {
                withdrawn.put(key.toUpperCase(Locale.ROOT), minus);
            }
        }
        return new AuditStepMapping(table, withdrawn);
    }

    /** The steps the record shows, in the order they were first seen. */
    public List<HandlingStep> steps(TraineeRecord record) {
        Set<HandlingStep> seen = new LinkedHashSet<>();
        for (TraineeRecord.ObservedEvent e : record.events()) {
            seen.addAll(stepsOf(e));
        }
        if (record.finalState() != null) {
            seen.addAll(lookup("STATE/" + record.finalState()));
        }
        if (record.abortReason() != null) {
            seen.addAll(lookup("ABORT/" + record.abortReason()));
        }
        return new ArrayList<>(seen);
    }

    Set<HandlingStep> stepsOf(TraineeRecord.ObservedEvent event) {
        if (event.eventType() == null) {
            return Set.of();
        }
        List<String> keys = new ArrayList<>();
        keys.add(event.eventType());
        if (event.outcome() != null) {
            keys.add(event.eventType() + "/" + event.outcome());
        }
        for (String value : detailValues(event.detailsJson())) {
            for (String key : List.copyOf(keys)) {
                if (!key.contains("#")) {
                    keys.add(key + "#" + value);
                }
            }
        }
        Set<HandlingStep> steps = EnumSet.noneOf(HandlingStep.class);
        keys.forEach(k -> steps.addAll(lookup(k)));
        // A specific key (e.g. a mistyped voucher) takes back what the general one (a failed token check) adds.
        keys.forEach(k -> steps.removeAll(withdrawn.getOrDefault(k.toUpperCase(Locale.ROOT), Set.of())));
        return steps;
    }

    /** Top-level string values of the details JSON: check names, fault codes, reasons. */
    private static List<String> detailValues(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> values = new ArrayList<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    values.add(f.getValue().asText());
                }
            });
            return values;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private Set<HandlingStep> lookup(String key) {
        return table.getOrDefault(key.toUpperCase(Locale.ROOT), Set.of());
    }
}
