package bank.ushield.renewal.training;

import java.util.List;

/**
 * One training scenario, read from one data file: the customer, what they bring, the faults injected, and the
 * correct handling the trainee is scored against.
 *
 * @param id        stable identifier (file name without extension by convention)
 * @param title     what the trainer sees in the list
 * @param briefing  what the trainee is told at the start (the customer's story)
 * @param customer  the registered customer
 * @param token     the token the customer brings
 * @param presentedCardNumber the card the customer hands over (null: their own card)
 * @param faults    faults injected into the simulated token or head office
 * @param expected  the correct handling
 * @param source    where the scenario came from (built in, or the trainer's file), for the trainer's list
 */
public record Scenario(String id, LocalizedText title, LocalizedText briefing, ScenarioCustomer customer,
                       ScenarioToken token, String presentedCardNumber, List<ScenarioFault> faults,
                       ExpectedHandling expected, String source) {

    public Scenario {
        faults = faults == null ? List.of() : List.copyOf(faults);
        expected = expected == null ? new ExpectedHandling(null, null, null, null) : expected;
    }

    /** The card the customer hands over: another customer's card in "card of another customer". */
    public String cardPresented() {
        return presentedCardNumber != null ? presentedCardNumber : customer.cardNumber();
    }

    /** The first fault of a kind, if the scenario injects one. */
    public java.util.Optional<ScenarioFault> fault(ScenarioFault.Kind kind) {
        return faults.stream().filter(f -> f.kind() == kind).findFirst();
    }

    Scenario withSource(String newSource) {
        return new Scenario(id, title, briefing, customer, token, presentedCardNumber, faults, expected, newSource);
    }
}
