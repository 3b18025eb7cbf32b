package bank.ushield.casync.format;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON payload codec of the head-office batch format (docs/batch-format.md): UTF-8 JSON, binary items
 * (PKCS#10, X.509, CRL) as standard base64 of their DER encoding.
 */
public final class BatchFormat {

    /** Value of the {@code format} member of every payload. */
    public static final String FORMAT = "ushield-ca-batch";
    /** The payload version this release writes and reads. */
    public static final int VERSION = 1;
    /** {@code kind} of a branch-to-head-office batch. */
    public static final String KIND_REQUEST = "REQUEST";
    /** {@code kind} of a head-office-to-branch batch. */
    public static final String KIND_RESPONSE = "RESPONSE";
    /** {@code kind} of a head-office customer extract (docs/customer-extract.md). */
    public static final String KIND_CUSTOMER_EXTRACT = "CUSTOMER_EXTRACT";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Later minor additions must not break older branches; the version member guards breaking changes.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private BatchFormat() {
    }

    /** Encodes a payload record as UTF-8 JSON. */
    public static byte[] encode(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode batch payload", e);
        }
    }

    /** Decodes a request batch payload; checks format, version and kind. */
    public static RequestBatch decodeRequest(byte[] json) throws BatchRejectedException {
        RequestBatch batch = decode(json, RequestBatch.class);
        checkHeader(batch.format(), batch.version(), batch.kind(), KIND_REQUEST);
        if (batch.manifest() == null
                || batch.manifest().requests() != batch.requests().size()
                || batch.manifest().revocations() != batch.revocations().size()) {
            throw new BatchRejectedException(RejectionCode.MALFORMED,
                    "The manifest's item counts do not match the items in the request batch");
        }
        return batch;
    }

    /** Decodes a response batch payload; checks format, version, kind and the manifest's counts. */
    public static ResponseBatch decodeResponse(byte[] json) throws BatchRejectedException {
        ResponseBatch batch = decode(json, ResponseBatch.class);
        checkHeader(batch.format(), batch.version(), batch.kind(), KIND_RESPONSE);
        ResponseBatch.ResponseManifest m = batch.manifest();
        if (m == null || m.issued() != batch.issued().size() || m.rejected() != batch.rejected().size()
                || m.caCertificates() != batch.caChain().size() || m.crls() != batch.crls().size()
                || m.tokenUpdates() != batch.tokenUpdates().size()) {
            throw new BatchRejectedException(RejectionCode.MALFORMED,
                    "The manifest's item counts do not match the items in the response batch");
        }
        return batch;
    }

    static <T> T decode(byte[] json, Class<T> type) throws BatchRejectedException {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.MALFORMED,
                    "The signed content is not a valid batch payload: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static void checkHeader(String format, int version, String kind, String expectedKind)
            throws BatchRejectedException {
        if (!FORMAT.equals(format)) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "Not a U-shield CA batch (format '" + format + "')");
        }
        if (version != VERSION) {
            throw new BatchRejectedException(RejectionCode.UNSUPPORTED_VERSION,
                    "Batch format version " + version + " is not supported (this release reads version " + VERSION + ")");
        }
        if (!expectedKind.equals(kind)) {
            throw new BatchRejectedException(RejectionCode.WRONG_KIND,
                    "Expected a " + expectedKind + " batch but this file is a " + kind + " batch");
        }
    }
}
