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
    private final Map<String, TrainingChipCards.Staged> stagedCards = new ConcurrentHashMap<>();
    /** Training with a data folder: the fixture file that keeps staged cards across restarts. */
    private final Optional<TrainingChipCards> fixture;

    private DeskReaders(boolean training, Optional<IdSource> idSource, Optional<ChipSource> chipSource,
                        Optional<TrainingChipCards> fixture) {
        this.training = training;
        this.idSource = idSource;
        this.chipSource = chipSource;
        this.fixture = fixture;
    }

    /** No readers at all: manual entry only. */
    public static DeskReaders none() {
        return new DeskReaders(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Production: the chip over PC/SC (the named reader, or the first holding a card); the ID card reader only when
     * a vendor adapter is given (none ships: the GA/T 467 SAM readers need the vendor's SDK).
     */
    public static DeskReaders production(Optional<SamIdCardReader.RawSource> vendorIdReader,
                                         Optional<String> chipReaderName, Clock clock) {
        Supplier<LocalDate> today = () -> LocalDate.now(clock);
        return new DeskReaders(false, vendorIdReader.map(src -> customerNo -> src.readRaw()),
                Optional.of(customerNo -> new PcscCardReader(chipReaderName, today)), Optional.empty());
    }

    /**
     * Training: the customer's registered ID card and the staged bank card, simulated; staged cards live in memory
     * only (this run). The app uses {@link #training(Repositories, Clock, java.nio.file.Path)}.
     */
    public static DeskReaders training(Repositories repos, Clock clock) {
        return training(repos, clock, Optional.empty());
    }

    /**
     * Training with the fixture file {@link TrainingChipCards#FILE_NAME} in the training data folder: cards staged in
     * any run (the generated customers at first start, a trainer's staging) are presented after a restart too. A
     * number in the file that the training database does not know (keyed hash; e.g. data generated again with
     * another seed) is not presented.
     */
    public static DeskReaders training(Repositories repos, Clock clock, java.nio.file.Path trainingFolder) {
        return training(repos, clock, Optional.of(TrainingChipCards.in(trainingFolder)));
    }

    private static DeskReaders training(Repositories repos, Clock clock, Optional<TrainingChipCards> fixture) {
        Supplier<LocalDate> today = () -> LocalDate.now(clock);
        DeskReaders[] self = new DeskReaders[1];
        self[0] = new DeskReaders(true, Optional.of(customerNo -> trainingIdCard(repos, customerNo)),
                Optional.of(customerNo -> {
                    TrainingChipCards.Staged staged = Optional.ofNullable(self[0].stagedCards.get(customerNo))
                            .or(() -> fixture.flatMap(f -> f.get(customerNo))
                                    .filter(s -> repos.cards().findByPan(s.pan()).isPresent()))
                            .orElseThrow(() -> new CardReadException(CardReadException.Problem.NO_CARD,
                                    "no training bank card is staged for this customer: type the card number"));
                    LocalDate expiry = staged.expiry()
                            .orElseGet(() -> YearMonth.from(today.get()).plusYears(3).atEndOfMonth());
                    return new EmvCardReader(new TrainingChipCard(staged.pan(), expiry), today);
                }), fixture);
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

    /** Training: puts this bank card (a made-up training number) in the chip reader for the customer. */
    public void stageCard(String customerNo, String pan) {
        stageCard(customerNo, pan, null);
    }

    /**
     * Training: puts this bank card in the chip reader for the customer, its chip giving {@code expiry} (null: valid
     * for years; a past date stages an expired card). Kept in the fixture file when there is one.
     */
    public void stageCard(String customerNo, String pan, LocalDate expiry) {
        if (!training) {
            throw new IllegalStateException("cards are staged only in training mode");
        }
        stagedCards.put(customerNo, new TrainingChipCards.Staged(pan, Optional.ofNullable(expiry)));
        fixture.ifPresent(f -> f.put(customerNo, pan, expiry));
    }

    /** Training: stages every generated customer's online-banking card (the numbers trainers would hand out). */
    public void stage(TrainingData data) {
        if (!training) {
            throw new IllegalStateException("cards are staged only in training mode");
        }
        Map<String, String> pans = new java.util.LinkedHashMap<>();
        data.customers().forEach(c -> c.cards().stream().filter(TrainingCard::onlineBanking).findFirst()
                .ifPresent(card -> pans.put(c.customerNo(), card.pan())));
        pans.forEach((customerNo, pan) -> stagedCards.put(customerNo,
                new TrainingChipCards.Staged(pan, Optional.empty())));
        fixture.ifPresent(f -> f.putAll(pans));
    }

    /** Reads the ID card on the reader through the GA/T 467 parser; blocks, so never call it on the EDT. */
    public DocumentRead readIdCard(String customerNo) throws ReaderException {
        IdCardData data;
        try {
            IdSource source = idSource.orElseThrow(() -> new IdCardReadException(IdCardReadException.Problem.NO_READER,
                    "no ID card reader is configured on this workstation"));
            data = new SamIdCardReader(() -> source.read(customerNo)).read();
        } catch (IdCardReadException e) {
            throw new ReaderException(ReaderException.Failure.valueOf(e.problem().name()), e);
        }
        PresentedDocument doc = new PresentedDocument(data.type().name(), data.number(), data.name(),
                data.birthDate(), data.validFrom(), data.validTo().orElse(null), true);
        return new DocumentRead(doc, data.validTo().isEmpty(), data.photo());
    }

    /** Reads the bank card's chip through the EMV reader; blocks, so never call it on the EDT. */
    public PresentedCard readChip(String customerNo) throws ReaderException {
        CardData card;
        try {
            ChipSource source = chipSource.orElseThrow(() -> new CardReadException(CardReadException.Problem.NO_READER,
                    "no chip card reader on this workstation"));
            card = source.reader(customerNo).read();
        } catch (CardReadException e) {
            throw new ReaderException(ReaderException.Failure.valueOf(e.problem().name()), e);
        }
        return new PresentedCard(card.pan(), card.source() == CardData.Source.CHIP, card.expiry().orElse(null));
    }
}
