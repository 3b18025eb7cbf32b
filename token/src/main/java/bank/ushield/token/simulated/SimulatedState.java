package bank.ushield.token.simulated;

import java.util.ArrayList;
import java.util.List;

/** The simulated readers and tokens as persisted to the state file (training data only). */
final class SimulatedState {

    public List<Reader> readers = new ArrayList<>();
    public List<Token> tokens = new ArrayList<>();

    /** A reader and the serial of the token in it (null when empty). */
    static final class Reader {
        public String name;
        public String tokenSerial;
        /** Bumped at every insertion: sessions opened before a removal stay dead, as on a real reader. */
        public long insertions;
    }

    /** One simulated U-shield. */
    static final class Token {
        public String serial;
        public String label;
        public String model = "U-shield SIM";
        /** A maker's name, as real tokens report one (not words that would need translating). */
        public String manufacturer = "Feitian";
        public String pinSalt;
        public String pinHash;
        /** The security officer PIN (blank tokens from head office carry one; null: the token cannot be initialised). */
        public String soPinSalt;
        public String soPinHash;
        public int maxTries = 6;
        public int triesLeft = 6;
        public boolean writeProtected;
        /** A faulty token: the reader sees it but it answers no command (training's "faulty token"). */
        public boolean broken;
        public int capacity = 12;
        public List<StoredObject> objects = new ArrayList<>();
    }

    /** A key or certificate object; private keys are kept as PKCS#8 because this token exists only for training. */
    static final class StoredObject {
        public String kind;
        public String idHex;
        public String label;
        public String algorithm;
        public String publicKey;
        public String privateKey;
        public String certificate;
    }
}
