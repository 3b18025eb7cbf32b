package bank.ushield.renewal.training;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.db.Database;
import bank.ushield.renewal.receipt.EvidenceSummaryPdf;

/**
 * The class's scores: every scored run per trainee (their history, oldest first) and the steps most often missed
 * across the class, read from the training audit log's score entries (ADR 0042), so nothing is kept twice.
 */
public record ClassReport(List<TraineeScores> trainees, List<StepCount> mostMissed, java.time.ZoneId zone) {

    public ClassReport {
        trainees = List.copyOf(trainees);
        mostMissed = List.copyOf(mostMissed);
        zone = zone == null ? java.time.ZoneId.systemDefault() : zone;
    }

    /** Times in the PC's zone. */
    public ClassReport(List<TraineeScores> trainees, List<StepCount> mostMissed) {
        this(trainees, mostMissed, null);
    }

    /** One trainee's scores (an empty history for a trainee never scored). */
    public TraineeScores of(String trainee) {
        return trainees.stream().filter(t -> t.trainee().equals(trainee)).findFirst()
                .orElse(new TraineeScores(trainee, List.of()));
    }

    /**
     * One scored run. {@code missed} are step names (or FINAL_STATE) as the score entry lists them; {@code mistakes}
     * the ones among them that were done but should not have been (forbidden steps; empty in entries written
     * before the score entry named them).
     */
    public record Score(Instant at, String scenarioId, int percent, List<String> missed, List<String> mistakes) {

        public Score {
            missed = List.copyOf(missed);
            mistakes = List.copyOf(mistakes);
        }
    }

    /** A trainee's scored runs, oldest first. */
    public record TraineeScores(String trainee, List<Score> history) {

        public int latest() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).percent();
        }

        public int average() {
            return (int) history.stream().mapToInt(Score::percent).average().orElse(0);
        }
    }

    /** How many runs of the class missed a step ({@code mistake}: did a step that should not have been done). */
    public record StepCount(String step, boolean mistake, long count) {
    }

    /** Reads every score entry of the training log; times shown in {@code zone} (the training branch's). */
    public static ClassReport read(Database database, java.time.ZoneId zone) {
        Map<String, List<Score>> byTrainee = new TreeMap<>();
        // Keyed "step" for a missed step, "!step" for a step done that should not have been.
        Map<String, Long> missed = new TreeMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        new AuditSearch(database).forEach(AuditQuery.builder().type(AuditEventType.TRAINING_SCENARIO_SCORED)
                .limit(1000).build(), e -> {
            com.fasterxml.jackson.databind.JsonNode d;
            try {
                d = json.readTree(e.details());
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                return;
            }
            List<String> steps = names(d.path("missed").asText(""));
            List<String> mistakes = names(d.path("mistakes").asText(""));
            steps.forEach(s -> missed.merge(mistakes.contains(s) ? "!" + s : s, 1L, Long::sum));
            byTrainee.computeIfAbsent(e.actor(), t -> new ArrayList<>())
                    .add(new Score(e.at(), d.path("scenario").asText(), d.path("percent").asInt(), steps, mistakes));
        });
        List<TraineeScores> trainees = new ArrayList<>();
        byTrainee.forEach((t, h) -> {
            h.sort(Comparator.comparing(Score::at));
            trainees.add(new TraineeScores(t, h));
        });
        List<StepCount> most = missed.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(x -> x.getKey().startsWith("!") ? new StepCount(x.getKey().substring(1), true, x.getValue())
                        : new StepCount(x.getKey(), false, x.getValue())).toList();
        return new ClassReport(trainees, most, zone);
    }

    /** The step names of a score entry's list ("[A, B]", as {@link ScenarioTrainingDesk#score} writes it). */
    static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.replace("[", "").replace("]", "").split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The words of the PDF in the screen's language (the screen owns the texts). */
    public interface Wording {
        String title();

        String trainee(TraineeScores t);

        String scoreLine(Score s);

        /** The run's result: its score and the steps it missed. */
        String result(Score s);

        String mostMissedHeading();

        /** A step of the most-missed list in words ({@code mistake}: done though it should not have been). */
        String step(String step, boolean mistake);

        String runs(long count);
    }

    /**
     * Writes the report as a PDF with an embedded CJK font (renewal.receipt's PDF writer: {@code .part}, then
     * renamed).
     */
    public void writePdf(Path file, Wording words) {
        List<EvidenceSummaryPdf.Line> lines = new ArrayList<>();
        for (TraineeScores t : trainees) {
            lines.add(EvidenceSummaryPdf.Line.heading(words.trainee(t)));
            for (Score s : t.history()) {
                lines.add(new EvidenceSummaryPdf.Line(words.scoreLine(s), words.result(s)));
            }
        }
        lines.add(EvidenceSummaryPdf.Line.heading(words.mostMissedHeading()));
        for (StepCount c : mostMissed) {
            lines.add(new EvidenceSummaryPdf.Line(words.step(c.step(), c.mistake()), words.runs(c.count())));
        }
        EvidenceSummaryPdf.write(file, words.title(), lines);
    }
}
