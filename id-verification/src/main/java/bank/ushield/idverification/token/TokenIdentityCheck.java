package bank.ushield.idverification.token;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Text;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static bank.ushield.idverification.Finding.Check.TOKEN_IDENTITY;

/**
 * The physical-token check: the token's serial is registered to this customer and the token is not lost or
 * replaced; the media voucher number printed on it (10 digits) matches the registered one; every certificate on
 * the token is one registered for this token (issuer and serial), and its subject names the customer (an RDN
 * value, or a part of one split at . @ _ - / or space, equals the customer's normalised name or customer number).
 */
public final class TokenIdentityCheck {

    private final EvidenceMasker masker;

    public TokenIdentityCheck(EvidenceMasker masker) {
        this.masker = masker;
    }

    public TokenIdentityCheck() {
        this(EvidenceMasker.DEFAULT);
    }

    /** The registered token with this serial among the customer's tokens. */
    public static Optional<CustomerRecord.Token> registeredToken(String serial, CustomerRecord customer) {
        String s = Text.trimAscii(serial);
        return customer.tokens().stream().filter(t -> Text.trimAscii(t.serial()).equals(s)).findFirst();
    }

    /** Checks the token read on the counter and the voucher number the teller typed from its label. */
    public Finding check(TokenIdentity token, Optional<String> typedVoucher, CustomerRecord customer) {
        Map<String, String> ev = new LinkedHashMap<>();
        String serial = Text.trimAscii(token.serial());
        if (serial.isEmpty() || serial.length() > 64 || !serial.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_SERIAL_FORMAT, ev);
        }
        ev.put("tokenSerial", masker.serial(serial));
        Optional<CustomerRecord.Token> registered = registeredToken(serial, customer);
        if (registered.isEmpty()) {
            return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_NOT_CUSTOMERS, ev);
        }
        CustomerRecord.Token t = registered.get();
        ev.put("tokenModel", t.model());
        ev.put("tokenStatus", t.status().name());
        switch (t.status()) {
            case LOST:
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_REPORTED_LOST, ev);
            case REPLACED:
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_REPLACED, ev);
            default:
                break; // END_OF_LIFE is still this customer's token; eligibility says "replace"
        }

        ReasonCode note = null;
        if (t.mediaVoucherNo().isPresent()) {
            String typed = Text.trimAscii(typedVoucher.orElse(""));
            if (typed.length() != 10 || !Text.isAsciiDigits(typed)) {
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_VOUCHER_FORMAT, ev);
            }
            ev.put("mediaVoucher", masker.serial(typed));
            if (!typed.equals(t.mediaVoucherNo().get().trim())) {
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.TOKEN_VOUCHER_MISMATCH, ev);
            }
        } else {
            note = ReasonCode.TOKEN_VOUCHER_NOT_REGISTERED;
            ev.put("mediaVoucher", "NOT_REGISTERED");
        }

        if (token.certificates().isEmpty()) {
            return Finding.needsManager(TOKEN_IDENTITY, ReasonCode.TOKEN_NO_CERTIFICATE, ev);
        }
        ev.put("certificatesOnToken", Integer.toString(token.certificates().size()));
        for (TokenIdentity.Certificate c : token.certificates()) {
            Optional<CustomerRecord.Certificate> onRecord = t.certificates().stream()
                    .filter(r -> sameSerial(r.serialHex(), c.serialHex()) && sameDn(r.issuerDn(), c.issuerDn()))
                    .findFirst();
            if (onRecord.isEmpty()) {
                ev.put("certificateSerial", c.serialHex() == null ? "" : masker.serial(c.serialHex()));
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.CERTIFICATE_NOT_ON_RECORD, ev);
            }
            if (!sameDn(onRecord.get().subjectDn(), c.subjectDn()) || !namesCustomer(c.subjectDn(), customer)) {
                return Finding.fail(TOKEN_IDENTITY, ReasonCode.CERTIFICATE_SUBJECT_MISMATCH, ev);
            }
        }
        return note == null ? Finding.pass(TOKEN_IDENTITY, ev) : Finding.passWithNote(TOKEN_IDENTITY, note, ev);
    }

    /** True when an RDN value of the subject, or a part of one, is the customer's name or customer number. */
    static boolean namesCustomer(String subjectDn, CustomerRecord customer) {
        String name = Text.normaliseName(customer.name());
        String number = customer.customerNo() == null ? "" : customer.customerNo().trim().toUpperCase(Locale.ROOT);
        try {
            new X500Principal(subjectDn); // refuses what is not a distinguished name at all
            for (Rdn rdn : new LdapName(subjectDn).getRdns()) {
                String value = Text.normaliseName(String.valueOf(rdn.getValue()));
                if (value.equals(name) || (!number.isEmpty() && value.equals(number))) {
                    return true;
                }
                for (String part : String.valueOf(rdn.getValue()).split("[.@_\\-/ ]+")) {
                    String p = Text.normaliseName(part);
                    if (!p.isEmpty() && (p.equals(name) || p.equals(number))) {
                        return true;
                    }
                }
            }
        } catch (IllegalArgumentException | InvalidNameException | NullPointerException e) {
            return false;
        }
        return false;
    }

    private static boolean sameDn(String a, String b) {
        try {
            return new X500Principal(a).getName(X500Principal.CANONICAL)
                    .equals(new X500Principal(b).getName(X500Principal.CANONICAL));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static boolean sameSerial(String a, String b) {
        try {
            return new BigInteger(a.trim().replace(":", ""), 16).equals(new BigInteger(b.trim().replace(":", ""), 16));
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
