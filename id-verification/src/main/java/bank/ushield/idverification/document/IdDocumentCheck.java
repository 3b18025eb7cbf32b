package bank.ushield.idverification.document;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Text;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static bank.ushield.idverification.Finding.Check.DOCUMENT_MATCH;
import static bank.ushield.idverification.Finding.Check.ID_DOCUMENT;

/**
 * The identity-document check: the number's format for its type, the document's validity on the visit date (for
 * resident ID cards also the period the law gives for the holder's age), and the match with the customer record
 * (number, name, birth date; a mismatch names the field). Failures come first, then what a manager may authorise
 * (expired document, unlisted region code, odd validity period), then a plain or annotated pass.
 */
public final class IdDocumentCheck {

    private final DocumentNumbers numbers;
    private final EvidenceMasker masker;

    public IdDocumentCheck(DocumentNumbers numbers, EvidenceMasker masker) {
        this.numbers = numbers;
        this.masker = masker;
    }

    public static IdDocumentCheck withDefaults() {
        return new IdDocumentCheck(DocumentNumbers.withShippedRegions(), EvidenceMasker.DEFAULT);
    }

    /** Reads the card through a reader port and checks it: the rule is the same for every adapter. */
    public Finding check(IdCardReader reader, CustomerRecord customer, LocalDate visit) {
        try {
            return check(reader.read().toPresented(reader.source()), customer, visit);
        } catch (IdCardReadException e) {
            Map<String, String> ev = new LinkedHashMap<>();
            ev.put("readProblem", e.problem().name());
            return Finding.fail(ID_DOCUMENT, ReasonCode.ID_CARD_READ_FAILED, ev);
        }
    }

    /** The full check: format, validity, and match with the customer. */
    public Finding check(DocumentToCheck doc, CustomerRecord customer, LocalDate visit) {
        Map<String, String> ev = evidence(doc);
        NumberValidation<DocumentNumber> number =
                numbers.validate(doc.type(), doc.number(), doc.issuingCountry(), visit);
        if (number.value().isEmpty()) {
            return Finding.fail(ID_DOCUMENT, number.reason(), ev);
        }
        DocumentNumber n = number.value().get();
        ev.put("document", masker.documentNumber(n.number()));
        n.residentId().ifPresent(id -> {
            ev.put("regionListed", Boolean.toString(id.region().isPresent()));
            // the years in use, not the name: with the masked number's first four digits it would narrow the county
            id.region().filter(Region::historical).ifPresent(r -> ev.put("regionHistorical", r.yearsInUse()));
        });

        Finding match = match(n, doc, customer);
        ev.putAll(match.evidence());
        if (!match.passed()) {
            return Finding.fail(ID_DOCUMENT, match.reason(), ev);
        }
        Optional<ReasonCode> validity = validity(doc, n, visit);
        if (validity.isPresent() && verdictOf(validity.get()) == Verdict.FAIL) {
            return Finding.fail(ID_DOCUMENT, validity.get(), ev);
        }
        if (number.verdict() == Verdict.NEEDS_MANAGER) {
            return Finding.needsManager(ID_DOCUMENT, number.reason(), ev);
        }
        if (validity.isPresent()) {
            return Finding.needsManager(ID_DOCUMENT, validity.get(), ev);
        }
        return number.reason() == null ? Finding.pass(ID_DOCUMENT, ev)
                : Finding.passWithNote(ID_DOCUMENT, number.reason(), ev);
    }

    /** The document format and validity alone, without a customer (e.g. before the customer is found). */
    public Finding checkDocument(DocumentToCheck doc, LocalDate visit) {
        Map<String, String> ev = evidence(doc);
        NumberValidation<DocumentNumber> number =
                numbers.validate(doc.type(), doc.number(), doc.issuingCountry(), visit);
        if (number.value().isEmpty()) {
            return Finding.fail(ID_DOCUMENT, number.reason(), ev);
        }
        ev.put("document", masker.documentNumber(number.value().get().number()));
        Optional<ReasonCode> validity = validity(doc, number.value().get(), visit);
        if (validity.isPresent()) {
            return new Finding(ID_DOCUMENT, verdictOf(validity.get()), validity.get(), ev);
        }
        return new Finding(ID_DOCUMENT, number.verdict(), number.reason(), ev);
    }

    /** The match with the customer record; a mismatch names the field in the evidence ("mismatch"). */
    public Finding match(DocumentNumber number, DocumentToCheck doc, CustomerRecord customer) {
        Map<String, String> ev = new LinkedHashMap<>();
        Optional<CustomerRecord.Document> registered = customer.documents().stream()
                .filter(d -> compatible(d.type(), number.type()))
                .filter(d -> canonical(d.type(), d.number()).equals(number.number()))
                .findFirst();
        if (registered.isEmpty()) {
            ev.put("mismatch", "DOCUMENT_NUMBER");
            return Finding.fail(DOCUMENT_MATCH, ReasonCode.MISMATCH_DOCUMENT_NUMBER, ev);
        }
        String presentedName = Text.normaliseName(doc.name());
        if (presentedName.isEmpty() || !(presentedName.equals(Text.normaliseName(registered.get().name()))
                || presentedName.equals(Text.normaliseName(customer.name())))) {
            ev.put("mismatch", "NAME");
            return Finding.fail(DOCUMENT_MATCH, ReasonCode.MISMATCH_NAME, ev);
        }
        Optional<LocalDate> birth = number.birthDate().or(doc::birthDate);
        boolean cardInconsistent = number.birthDate().isPresent() && doc.birthDate().isPresent()
                && !number.birthDate().equals(doc.birthDate());
        boolean recordDiffers = birth.isPresent() && customer.birthDate().isPresent()
                && !birth.equals(customer.birthDate());
        if (cardInconsistent || recordDiffers) {
            ev.put("mismatch", "BIRTH_DATE");
            return Finding.fail(DOCUMENT_MATCH, ReasonCode.MISMATCH_BIRTH_DATE, ev);
        }
        if (number.sex().isPresent() && doc.sex().isPresent() && !number.sex().equals(doc.sex())) {
            ev.put("mismatch", "SEX");
            return Finding.fail(DOCUMENT_MATCH, ReasonCode.MISMATCH_SEX, ev);
        }
        ev.put("matched", "NUMBER,NAME" + (birth.isPresent() && customer.birthDate().isPresent() ? ",BIRTH_DATE" : ""));
        return Finding.pass(DOCUMENT_MATCH, ev);
    }

    private Optional<ReasonCode> validity(DocumentToCheck doc, DocumentNumber n, LocalDate visit) {
        if (doc.type() == DocumentType.HOUSEHOLD_REGISTER) {
            return Optional.empty(); // a household register has no validity period
        }
        if (doc.validTo().isEmpty() && !doc.longTerm()) {
            return Optional.of(ReasonCode.DOCUMENT_VALIDITY_MISSING);
        }
        if (doc.type() == DocumentType.RESIDENT_ID) {
            return IdCardValidity.assess(n.birthDate().orElseThrow(), doc.validFrom(),
                    doc.longTerm() ? Optional.empty() : doc.validTo(), visit);
        }
        if (doc.longTerm()) {
            return Optional.of(ReasonCode.DOCUMENT_VALIDITY_INCONSISTENT); // only resident ID cards are long-term
        }
        if (doc.validFrom().isPresent() && doc.validFrom().get().isAfter(visit)) {
            return Optional.of(ReasonCode.DOCUMENT_NOT_YET_VALID);
        }
        if (doc.validTo().get().isBefore(visit)) {
            return Optional.of(ReasonCode.DOCUMENT_EXPIRED);
        }
        return Optional.empty();
    }

    private static Verdict verdictOf(ReasonCode validity) {
        return switch (validity) {
            case DOCUMENT_EXPIRED, DOCUMENT_VALIDITY_INCONSISTENT -> Verdict.NEEDS_MANAGER;
            default -> Verdict.FAIL;
        };
    }

    private Map<String, String> evidence(DocumentToCheck doc) {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("documentType", doc.type().name());
        ev.put("source", doc.source().name());
        ev.put("document", masker.documentNumber(doc.number()));
        ev.put("name", masker.name(doc.name()));
        doc.validTo().ifPresent(d -> ev.put("validTo", d.toString()));
        if (doc.longTerm()) {
            ev.put("validTo", "LONG_TERM");
        }
        return ev;
    }

    private static boolean compatible(DocumentType registered, DocumentType presented) {
        if (registered == presented) {
            return true;
        }
        // the household register and the resident ID card carry the same GB 11643 number
        return gb11643(registered) && gb11643(presented);
    }

    private static boolean gb11643(DocumentType t) {
        return t == DocumentType.RESIDENT_ID || t == DocumentType.HOUSEHOLD_REGISTER;
    }

    /** A registered number in the canonical form the validator produces. */
    private static String canonical(DocumentType type, String number) {
        String s = Text.trimAscii(number).toUpperCase(java.util.Locale.ROOT);
        if (gb11643(type) && s.length() == 15 && Text.isAsciiDigits(s)) {
            return ResidentIdNumbers.toEighteen(s);
        }
        return s;
    }
}
