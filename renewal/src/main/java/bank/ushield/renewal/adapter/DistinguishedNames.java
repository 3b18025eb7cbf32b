package bank.ushield.renewal.adapter;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;

/**
 * Distinguished names as the database keeps them (RFC 2253 strings, as {@code X500Principal.getName()} writes
 * them: last RDN first) turned back into DER names in their certificate order.
 */
public final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /**
     * The DER name an RFC 2253 string denotes, values as UTF8String (C as PrintableString) like OpenSSL writes
     * them. Not {@code new X500Name(String)}: BouncyCastle's default style keeps the string's order, which
     * reverses an RFC 2253 name (its last RDN is the first in the DER).
     */
    public static X500Name fromRfc2253(String dn) {
        return X500Name.getInstance(new X500Name(RFC4519Style.INSTANCE, dn).toASN1Primitive());
    }

    /**
     * The subject of the certificate among {@code present} whose subject is {@code dn}, byte for byte as that
     * certificate encodes it (string types and all); the parsed {@code dn} when none matches.
     */
    public static X500Name subjectAsIn(List<X509Certificate> present, String dn) {
        X500Principal wanted = new X500Principal(dn);
        return present.stream().map(X509Certificate::getSubjectX500Principal).filter(wanted::equals).findFirst()
                .map(p -> X500Name.getInstance(p.getEncoded())).orElseGet(() -> fromRfc2253(dn));
    }
}
