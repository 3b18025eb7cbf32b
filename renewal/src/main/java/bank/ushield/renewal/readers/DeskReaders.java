package bank.ushield.renewal.readers;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import bank.ushield.db.Customer;
import bank.ushield.db.IdentityDocument;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCard;
import bank.ushield.db.TrainingData;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.CardReadException;
import bank.ushield.idverification.card.CardReader;
import bank.ushield.idverification.document.IdCardData;
import bank.ushield.idverification.document.IdCardReadException;
import bank.ushield.idverification.document.SamIdCardReader;
import bank.ushield.idverification.emv.EmvCardReader;
import bank.ushield.idverification.emv.PcscCardReader;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;

/**
 * The counter's ID card reader and chip card reader for the open case's customer. Training simulates both (the
 * customer's registered ID card through the real GA/T 467 parser, a staged chip card through the real EMV reader);
 * production reads the chip over PC/SC and has an ID reader only when a vendor adapter is configured.
 */
public final class DeskReaders {

    /** Reads the raw GA/T 467 blocks of the customer's card; the customer number only matters in training. */
    @FunctionalInterface
    private interface IdSource {
        SamIdCardReader.RawCard read(String customerNo) throws IdCardReadException;
    }

    /** Gives the chip reader for the customer's card; the customer number only matters in training. */
    @FunctionalInterface
    private interface ChipSource {
        CardReader reader(String customerNo) throws CardReadException;
    }

    private final boolean training;
    private final Optional<IdSource> idSource;
    private final Optional<ChipSource> chipSource;
    private final Map<String, String> stagedCards = new ConcurrentHashMap<>();

    private DeskReaders(boolean training, Optional<IdSource> idSource, Optional<ChipSource> chipSource) {
        this.training = training;
        this.idSource = idSource;
        this.chipSource = chipSource;
    }

    /** No readers at all: manual entry only. */
    public static DeskReaders none() {
        return new DeskReaders(false, Optional.empty(), Optional.empty());
    }

    /**
     * Production: the chip over PC/SC (the named reader, or the first holding a card); the ID card reader only when
     * a vendor adapter is given (none ships: the GA/T 467 SAM readers need the vendor's SDK).
     */
    public static DeskReaders production(Optional<SamIdCardReader.RawSource> vendorIdReader,
                                         Optional<String> chipReaderName, Clock clock) {
        Supplier<LocalDate> today = () -> LocalDate.now(clock);
        return new DeskReaders(false, vendorIdReader.map(src -> customerNo -> src.readRaw()),
                Optional.of(customerNo -> new PcscCardReader(chipReaderName, today)));
    }

    /** Training: the customer's registered ID card and the staged bank card, simulated. */
    public static DeskReaders training(Repositories repos, Clock clock) {
        Supplier<LocalDate> today = () -> LocalDate.now(clock);
        DeskReaders[] self = new DeskReaders[1];
        self[0] = new DeskReaders(true, Optional.of(customerNo -> trainingIdCard(repos, customerNo)),
                Optional.of(customerNo -> {
                    String pan = self[0].stagedCards.get(customerNo);
                    if (pan == null) {
                        throw new CardReadException(CardReadException.Problem.NO_CARD,
                                "no training bank card is staged for this customer: type the card number");
                    }
                    LocalDate expiry = YearMonth.from(today.get()).plusYears(3).atEndOfMonth();
                    return new EmvCardReader(new TrainingChipCard(pan, expiry), today);
                }));
        return self[0];
    }

    private static SamIdCardReader.RawCard trainingIdCard(Repositories repos, String customerNo)
            throws IdCardReadException {
        Customer customer = repos.customers().findByCustomerNo(customerNo).orElseThrow(
                () -> new IdCardReadException(IdCardReadException.Problem.NO_CARD, "no card on the training reader"));
        IdentityDocument doc = repos.customers().documents(customer.id()).stream()
                .max(Comparator.comparing(IdentityDocument::primaryDoc))
                .orElseThrow(() -> new IdCardReadException(IdCardReadException.Problem.NO_CARD,
                        "the training customer has no registered document"));
        return TrainingIdCard.raw(customer, doc);
    }

    /** True in training mode (the readers are simulated). */
    public boolean training() {
        return training;
    }

    /** Whether an ID card reader is wired (false in production until a vendor adapter is configured). */
    public boolean idReaderAvailable() {
        return idSource.isPresent();
    }

    /** Whether a chip card reader is wired. */
    public boolean chipReaderAvailable() {
        return chipSource.isPresent();
    }

    /** Training: puts this bank card (full number, kept in memory only) in the chip reader for the customer. */
    public void stageCard(String customerNo, String pan) {
        if (!training) {
            throw new IllegalStateException("cards are staged only in training mode");
        }
        stagedCards.put(customerNo, pan);
    }

    /** Training: stages every generated customer's online-banking card (the numbers trainers would hand out). */
    public void stage(TrainingData data) {
        data.customers().forEach(c -> c.cards().stream().filter(TrainingCard::onlineBanking).findFirst()
                .ifPresent(card -> stageCard(c.customerNo(), card.pan())));
    }

    /** Reads the ID card on the reader through the GA/T 467 parser; blocks, so never call it on the EDT. */
    public DocumentRead readIdCard(String customerNo) throws IdCardReadException {
        IdSource source = idSource.orElseThrow(() -> new IdCardReadException(IdCardReadException.Problem.NO_READER,
                "no ID card reader is configured on this workstation"));
        IdCardData data = new SamIdCardReader(() -> source.read(customerNo)).read();
        PresentedDocument doc = new PresentedDocument(data.type().name(), data.number(), data.name(),
                data.birthDate(), data.validFrom(), data.validTo().orElse(null), true);
        return new DocumentRead(doc, data.validTo().isEmpty(), data.photo());
    }

    /** Reads the bank card's chip through the EMV reader; blocks, so never call it on the EDT. */
    public PresentedCard readChip(String customerNo) throws CardReadException {
        ChipSource source = chipSource.orElseThrow(() -> new CardReadException(CardReadException.Problem.NO_READER,
                "no chip card reader on this workstation"));
        CardData card = source.reader(customerNo).read();
        return new PresentedCard(card.pan(), card.source() == CardData.Source.CHIP);
    }
}
