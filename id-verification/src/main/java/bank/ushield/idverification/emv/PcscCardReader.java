package bank.ushield.idverification.emv;

import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.CardReadException;
import bank.ushield.idverification.card.CardReadException.Problem;
import bank.ushield.idverification.card.CardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The desk card reader over PC/SC (javax.smartcardio): connects to the named reader (or the first one holding a
 * card), reads the chip with {@link EmvCardReader}, and disconnects without resetting.
 */
public final class PcscCardReader implements CardReader {

    private static final Logger LOG = LoggerFactory.getLogger(PcscCardReader.class);

    private final Supplier<TerminalFactory> factory;
    private final Optional<String> readerName;
    private final Supplier<LocalDate> today;

    public PcscCardReader(Optional<String> readerName, Supplier<LocalDate> today) {
        this(TerminalFactory::getDefault, readerName, today);
    }

    PcscCardReader(Supplier<TerminalFactory> factory, Optional<String> readerName, Supplier<LocalDate> today) {
        this.factory = factory;
        this.readerName = readerName;
        this.today = today;
    }

    @Override
    public CardData read() throws CardReadException {
        CardTerminal terminal = terminal();
        Card card;
        try {
            card = terminal.connect("*");
        } catch (CardException e) {
            throw new CardReadException(Problem.NO_CARD, "no card in reader " + terminal.getName(), e);
        }
        try {
            return new EmvCardReader(new SmartcardIoChannel(card.getBasicChannel()), today).read();
        } finally {
            try {
                card.disconnect(false);
            } catch (CardException e) {
                LOG.warn("could not disconnect from the card in {}: {}", terminal.getName(), e.getMessage());
            }
        }
    }

    private CardTerminal terminal() throws CardReadException {
        List<CardTerminal> terminals;
        try {
            terminals = factory.get().terminals().list();
        } catch (CardException | RuntimeException e) {
            throw new CardReadException(Problem.NO_READER, "no PC/SC card reader available", e);
        }
        if (terminals.isEmpty()) {
            throw new CardReadException(Problem.NO_READER, "no PC/SC card reader connected");
        }
        if (readerName.isPresent()) {
            return terminals.stream().filter(t -> t.getName().contains(readerName.get())).findFirst()
                    .orElseThrow(() -> new CardReadException(Problem.NO_READER, "reader not found: " + readerName.get()));
        }
        for (CardTerminal t : terminals) {
            try {
                if (t.isCardPresent()) {
                    return t;
                }
            } catch (CardException e) {
                LOG.debug("reader {} did not answer: {}", t.getName(), e.getMessage());
            }
        }
        throw new CardReadException(Problem.NO_CARD, "no card in any reader");
    }
}
