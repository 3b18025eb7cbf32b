package bank.ushield.idverification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A customer record built in tests, and the same keyed PAN hash the db uses (HMAC-SHA256, hex). */
public record TestCustomer(String customerNo, String name, Optional<LocalDate> birthDate, List<Document> documents,
                           List<Card> cards, List<Token> tokens) implements CustomerRecord {

    public static final PanHasher HASHER = pan -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("test matching key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    };

    public static Card card(String pan, boolean onlineBanking, CardStatus status) {
        return new Card(pan.substring(0, 6), pan.substring(pan.length() - 4), pan.length(), HASHER.hash(pan),
                CardKind.DEBIT, onlineBanking, status);
    }

    public TestCustomer withCards(Card... c) {
        return new TestCustomer(customerNo, name, birthDate, documents, List.of(c), tokens);
    }

    public TestCustomer withDocuments(Document... d) {
        return new TestCustomer(customerNo, name, birthDate, List.of(d), cards, tokens);
    }

    public TestCustomer withTokens(Token... t) {
        return new TestCustomer(customerNo, name, birthDate, documents, cards, List.of(t));
    }

    public static TestCustomer zhang() {
        return new TestCustomer("C0001", "张三", Optional.of(LocalDate.of(1949, 12, 31)), List.of(), List.of(), List.of());
    }
}
