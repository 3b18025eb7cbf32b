package bank.ushield.audit;

/**
 * Where the workstation keystore password comes from (operator prompt, environment, OS secret store). Each call
 * returns a fresh array that the caller wipes after use.
 */
@FunctionalInterface
public interface KeystorePassword {

    /** A fresh copy of the password; the caller overwrites it when done. */
    char[] get();

    /** The password from an environment variable; fails clearly when it is not set. */
    static KeystorePassword fromEnvironment(String variable) {
        return () -> {
            String value = System.getenv(variable);
            if (value == null || value.isEmpty()) {
                throw new AuditException(AuditException.Code.KEYSTORE,
                        "The workstation keystore password is not set (environment variable " + variable + ").");
            }
            return value.toCharArray();
        };
    }

    /** The fixed password of training mode: training keys protect nothing real. Never use it in production. */
    static KeystorePassword training() {
        return "training-only-not-a-secret"::toCharArray;
    }
}
