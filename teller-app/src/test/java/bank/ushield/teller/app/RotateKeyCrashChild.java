package bank.ushield.teller.app;

import java.nio.file.Path;

import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;

/**
 * The child JVM of {@code RotateWorkstationKeyCommandTest}: {@code <key folder> <workstation>} (password in
 * USHIELD_KEYSTORE_PASSWORD) replaces
 * the keystore as the command does, then prints "AT between" (before the audit entry and the files) and waits to be
 * killed.
 */
public final class RotateKeyCrashChild {

    private RotateKeyCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        WorkstationKeys.rotate(Path.of(args[0]), args[1], KeystorePassword.fromEnvironment("USHIELD_KEYSTORE_PASSWORD"));
        System.out.println("AT between");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
