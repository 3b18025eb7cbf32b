package bank.ushield.token;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/** The token contract against SoftHSM2 through the PKCS#11 adapter. */
@ExtendWith(SoftHsmExtension.class)
class SoftHsmContractTest extends TokenPortContract {

    static SoftHsmToken token;
    static Pkcs11TokenPort port;

    @BeforeAll
    static void init(SoftHsmToken t) {
        token = t;
        port = Pkcs11TokenPort.open(t.modulePath());
    }

    @Override
    TokenPort port() {
        return port;
    }

    @Override
    String serial() {
        return token.serial();
    }

    @Override
    String pin() {
        return token.userPin();
    }
}
