package bank.ushield.casync.headoffice;

import java.util.Map;
import java.util.Optional;

import bank.ushield.casync.format.RequestBatch.CertificateRequest;

/** Decides which requests the simulated head office refuses, and why (trainers choose, e.g. "head office rejects"). */
@FunctionalInterface
public interface RejectionPolicy {

    /** A reason to reject the request, or empty to issue its certificate. */
    Optional<String> reasonToReject(CertificateRequest request);

    /** Issues every valid request. */
    static RejectionPolicy none() {
        return r -> Optional.empty();
    }

    /** Rejects the requests whose id (case number) is a key of the map, with the map's value as the reason. */
    static RejectionPolicy byRequestId(Map<String, String> reasons) {
        Map<String, String> copy = Map.copyOf(reasons);
        return r -> Optional.ofNullable(copy.get(r.requestId()));
    }
}
