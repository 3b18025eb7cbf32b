package bank.ushield.token;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** A BouncyCastle {@link ContentSigner} whose signature is made on the token (C_Sign) with the key of one CKA_ID. */
public final class TokenContentSigner implements ContentSigner {

    private final TokenSession session;
    private final KeyId id;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public TokenContentSigner(TokenSession session, KeyId id, KeyAlgorithm keyAlgorithm) {
        this.session = session;
        this.id = id;
        this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(keyAlgorithm.jcaSignatureName());
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        return session.sign(id, data);
    }
}
