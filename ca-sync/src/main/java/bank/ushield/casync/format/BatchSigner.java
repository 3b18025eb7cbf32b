package bank.ushield.casync.format;

import org.bouncycastle.cert.X509CertificateHolder;

/** Signs a batch payload as a CMS SignedData (DER, content attached). Implemented over the workstation key. */
public interface BatchSigner {

    /** The DER encoding of a CMS SignedData whose eContent (id-data) is the payload. */
    byte[] sign(byte[] payload);

    /** The certificate whose key signs; the receiver pins it. */
    X509CertificateHolder certificate();
}
