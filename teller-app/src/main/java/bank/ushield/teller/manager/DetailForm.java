package bank.ushield.teller.manager;

import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import javax.swing.JLabel;
import javax.swing.JPanel;

import bank.ushield.renewal.review.EntryDetail;
import bank.ushield.renewal.review.ReviewRow;
import bank.ushield.teller.i18n.Texts;

/**
 * An audit entry as a labelled form in the UI language: what happened, to which case and customer, who did it,
 * which check and why, then the entry's own details that have a label. Codes, JSON and proofs stay in the
 * technical view.
 */
final class DetailForm {

    private static final Texts TEXT = AuditReviewPanel.TEXT;
    /** Details already shown in the fixed fields above, or only meaningful to an inspector. */
    private static final Set<String> SHOWN = Set.of("caseNo", "check", "code", "problem", "reason", "exception",
            "authorisedBy", "teller", "manager", "verdict");

    private DetailForm() {
    }

    static void fill(JPanel form, EntryDetail d, ZoneId zone) {
        ReviewRow r = d.row();
        field(form, "time", AuditReviewPanel.TIME.format(r.at().atZone(zone)));
        field(form, "event", AuditLabels.event(r.eventType()));
        field(form, "outcome", AuditLabels.outcome(r.outcome()));
        field(form, "case", r.caseLabel());
        field(form, "customer", r.customer());
        field(form, "actor", TEXT.format("Detail.actorRole", AuditLabels.actor(r.actor()), AuditLabels.role(r.role())));
        if (r.teller() != null && !r.teller().equals(r.actor())) {
            field(form, "teller", r.teller());
        }
        field(form, "check", r.check() == null ? null : AuditLabels.check(r.check()));
        field(form, "reason", r.reason() == null ? null : AuditLabels.reason(r.reason()));
        field(form, "authorisedBy", r.authorisedBy());
        try {
            com.fasterxml.jackson.databind.JsonNode json =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(d.detailsJson());
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                String key = "Detail.key." + e.getKey();
                if (!SHOWN.contains(e.getKey()) && TEXT.has(key) && !e.getValue().isContainerNode()) {
                    form.add(new JLabel(TEXT.get(key)));
                    form.add(value(value(e.getKey(), e.getValue().asText())));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The technical view shows the text as stored.
        }
    }

    /** A detail's value in words where it is a code the labels know. */
    private static String value(String key, String v) {
        return switch (key) {
            case "state" -> TEXT.has("State." + v) ? TEXT.get("State." + v) : v;
            case "triesLeft", "algorithm", "batch" -> v;
            default -> TEXT.has("Reason." + v) ? TEXT.get("Reason." + v) : v;
        };
    }

    private static void field(JPanel form, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        JLabel label = new JLabel(TEXT.get("Detail.field." + key));
        form.add(label);
        JLabel v = value(value);
        v.setName("detail." + key);
        form.add(v);
    }

    private static JLabel value(String text) {
        // HTML so a long value wraps in the column instead of being cut.
        JLabel v = new JLabel("<html>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</html>");
        v.putClientProperty("FlatLaf.styleClass", "semibold");
        return v;
    }
}
