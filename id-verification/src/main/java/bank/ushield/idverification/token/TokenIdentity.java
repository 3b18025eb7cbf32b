package bank.ushield.idverification.token;

import java.util.List;
import java.util.Objects;

/**
 * What was read from the U-shield on the counter: its serial (CK_TOKEN_INFO.serialNumber), model, and the
 * certificates found on it (DNs as RFC 4514 / X500Principal strings, serial in hex). The token module reads these.
 */
public record TokenIdentity(String serial, String model, List<Certificate> certificates) {

    /** A certificate read from the token. */
    public record Certificate(String serialHex, String issuerDn, String subjectDn) {
    }

    public TokenIdentity {
        serial = serial == null ? "" : serial;
        model = model == null ? "" : model;
        certificates = List.copyOf(Objects.requireNonNullElse(certificates, List.of()));
    }
}
