package bank.ushield.renewal.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a training case's audit entries into the {@link HandlingStep}s that scenarios are scored on.
 * The table lives in {@code audit-steps.properties}: keys {@code EVENT_TYPE} or {@code EVENT_TYPE/OUTCOME}
 * (the more specific wins), {@code state/STATE} for the final case state and {@code abort/REASON} for abort
 * reasons; values are comma-separated step names.
 */
public final class AuditStepMapping {

    private final Map<String, Set<HandlingStep>> table;

    private AuditStepMapping(Map<String, Set<HandlingStep>> table) {
        this.table = table;
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
        for (String key : p.stringPropertyNames()) {
            Set<HandlingStep> steps = EnumSet.noneOf(HandlingStep.class);
            for (String name : p.getProperty(key).split(",")) {
                if (!name.isBlank()) {
                    steps.add(HandlingStep.valueOf(name.trim()));
                }
            }
            table.put(key.toUpperCase(Locale.ROOT), steps);
        }
        return new AuditStepMapping(table);
    }

    /** The steps the record shows, in the order they were first seen. */
    public List<HandlingStep> steps(TraineeRecord record) {
        Set<HandlingStep> seen = new java.util.LinkedHashSet<>();
        for (TraineeRecord.ObservedEvent e : record.events()) {
            seen.addAll(stepsOf(e.eventType(), e.outcome()));
        }
        if (record.finalState() != null) {
            seen.addAll(lookup("STATE/" + record.finalState()));
        }
        if (record.abortReason() != null) {
            seen.addAll(lookup("ABORT/" + record.abortReason()));
        }
        return new ArrayList<>(seen);
    }

    Set<HandlingStep> stepsOf(String eventType, String outcome) {
        if (eventType == null) {
            return Set.of();
        }
        String type = eventType.toUpperCase(Locale.ROOT);
        if (outcome != null) {
            Set<HandlingStep> specific = table.get(type + "/" + outcome.toUpperCase(Locale.ROOT));
            if (specific != null) {
                return specific;
            }
        }
        return lookup(type);
    }

    private Set<HandlingStep> lookup(String key) {
        return table.getOrDefault(key.toUpperCase(Locale.ROOT), Set.of());
    }
}
