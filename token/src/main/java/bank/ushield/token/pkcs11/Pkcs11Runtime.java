package bank.ushield.token.pkcs11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;

import bank.ushield.token.TokenException;
import bank.ushield.token.TokenModuleException;
import bank.ushield.token.TokenPhaseEvent;
import bank.ushield.token.TokenProblem;

/**
 * One initialised PKCS#11 module per library per JVM (a second C_Initialize fails), and the one thread that makes
 * every call into it and owns its sessions. Callers on other threads hand work over and wait.
 */
final class Pkcs11Runtime {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Runtime.class);
    private static final Map<Path, Pkcs11Runtime> RUNTIMES = new HashMap<>();

    static {
        // Before the first getInstance: otherwise the wrapper prints a banner and INFO lines to stdout.
        StaticLogger.setLogger(new Slf4jWrapperLogger());
    }

    private final Path library;
    private final ExecutorService executor;
    private volatile Thread thread;
    private PKCS11Module module;
    private int openSessions;
    private final java.util.Set<String> claimedSerials = new java.util.HashSet<>();
    /*
     * What cannot change while the module stays initialised and the token stays present; a rescan forgets all of it,
     * a token seen gone (or failing as removed) forgets its own. Touched on the module thread only.
     */
    /** Reader descriptions by slot id (C_GetSlotInfo). */
    private final Map<Long, String> slotDescriptions = new HashMap<>();
    /** The slot each token serial was last seen in: {@code open} looks there first and checks the serial it finds. */
    private final Map<String, Slot> lastSlots = new HashMap<>();
    /** Each present token's mechanisms (a property of the token: C_GetMechanismList, C_GetMechanismInfo). */
    private final Map<String, Mechanisms> mechanisms = new HashMap<>();

    /** A token's mechanism codes as the module reports them, and the largest RSA key it can generate. */
    record Mechanisms(Set<Long> codes, long rsaMaxKeyBits) {
    }

    private Pkcs11Runtime(Path library) {
        this.library = library;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pkcs11-" + library.getFileName());
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** The runtime for this library, loading and initialising it on first use. */
    static synchronized Pkcs11Runtime of(Path library) {
        Path key = canonical(library);
        Pkcs11Runtime rt = RUNTIMES.get(key);
        if (rt == null) {
            checkLibrary(library);
            Pkcs11Runtime fresh = new Pkcs11Runtime(key);
            try {
                fresh.call("Load the PKCS#11 module", () -> {
                    fresh.load();
                    return null;
                });
            } catch (RuntimeException e) {
                fresh.executor.shutdown();
                throw e;
            }
            RUNTIMES.put(key, fresh);
            rt = fresh;
        }
        return rt;
    }

    /** The library's real path: two spellings of one library (a symlink) must not load it twice. */
    private static Path canonical(Path library) {
        try {
            return library.toRealPath();
        } catch (IOException e) {
            return library.toAbsolutePath().normalize();
        }
    }

    /**
     * Refuses, before any native loading, a path that is no file or a shared library without C_GetFunctionList
     * (the wrapper's native loader crashes the whole JVM on the latter), and a module that crashes or hangs while
     * starting in a child JVM.
     */
    static void checkLibrary(Path library) {
        if (!Files.isRegularFile(library)) {
            throw new TokenModuleException(TokenModuleException.Reason.MISSING, library,
                    "No PKCS#11 module file at " + library + (Files.isDirectory(library) ? " (it is a folder)" : ""),
                    -1, null);
        }
        if (ElfExports.exports(library, "C_GetFunctionList") == ElfExports.Answer.NOT_EXPORTED) {
            throw new TokenModuleException(TokenModuleException.Reason.NOT_PKCS11, library,
                    library + " is a shared library but not a PKCS#11 module (it exports no C_GetFunctionList)",
                    -1, null);
        }
        ModuleProbe.check(library);
    }

    private void load() {
        try {
            module = PKCS11Module.getInstance(library.toString());
        } catch (IOException e) {
            throw new TokenModuleException(TokenModuleException.Reason.NOT_LOADABLE, library,
                    "Cannot load the PKCS#11 module " + library + ": " + e.getMessage(), -1, e);
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            throw new TokenModuleException(TokenModuleException.Reason.INIT_FAILED, library,
                    "The PKCS#11 module " + library + " failed to initialise: " + Pkcs11Errors.name(e.getErrorCode()),
                    e.getErrorCode(), e);
        }
        LOG.info("PKCS#11 module {} initialised", library);
    }

    PKCS11Module module() {
        assertOnThread();
        return module;
    }

    Path library() {
        return library;
    }

    /**
     * Re-reads the module's slots by C_Finalize + C_Initialize, only when no session is open. Some modules
     * (SoftHSM2 among them) enumerate tokens only at C_Initialize. Returns whether it rescanned. The reader
     * descriptions are read again (slot ids may name other readers now); the slot each serial was last seen in and
     * its mechanisms are kept: every use checks the serial in that slot first, and a listing without the serial
     * forgets them.
     */
    boolean rescanIfIdle() {
        assertOnThread();
        if (openSessions > 0) {
            return false;
        }
        slotDescriptions.clear();
        try {
            module.finalize(null);
        } catch (PKCS11Exception e) {
            LOG.warn("C_Finalize before rescan failed: {}", Pkcs11Errors.name(e.getErrorCode()));
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map("Rescan the readers", e.getErrorCode(), null, e);
        }
        return true;
    }

    /** The reader's description, read once per slot while the module stays initialised. */
    String slotDescription(Slot slot) throws PKCS11Exception {
        assertOnThread();
        String d = slotDescriptions.get(slot.getSlotID());
        if (d == null) {
            d = slot.getSlotInfo().getSlotDescription().strip();
            slotDescriptions.put(slot.getSlotID(), d);
        }
        return d;
    }

    /** Notes where a token was just seen (by its token info). */
    void seen(String serial, Slot slot) {
        assertOnThread();
        Slot before = lastSlots.put(serial, slot);
        if (before != null && before.getSlotID() != slot.getSlotID()) {
            mechanisms.remove(serial); // moved to another reader: read again
        }
    }

    /** The slot this token was last seen in, if any (the caller checks the serial there). */
    Slot lastSlot(String serial) {
        assertOnThread();
        return lastSlots.get(serial);
    }

    /** A full listing found exactly these tokens: forget what was kept for the others (removed). */
    void present(Set<String> serials) {
        assertOnThread();
        lastSlots.keySet().retainAll(serials);
        mechanisms.keySet().retainAll(serials);
    }

    /** The token is gone (removed, or a call said so): forget what was kept for it. */
    void forget(String serial) {
        assertOnThread();
        lastSlots.remove(serial);
        mechanisms.remove(serial);
    }

    /**
     * The token's mechanisms, read once while it stays present: two calls (the list, and the RSA key generation's
     * info) instead of the wrapper's {@code Token.getMechanismList()}, which asks C_GetMechanismInfo of every
     * mechanism for each new slot object (70 calls on SoftHSM2).
     */
    Mechanisms mechanisms(Slot slot, String serial) {
        assertOnThread();
        Mechanisms m = mechanisms.get(serial);
        if (m != null) {
            return m;
        }
        iaik.pkcs.pkcs11.wrapper.PKCS11 p11 = module.getPKCS11Module();
        try {
            Set<Long> codes = new HashSet<>();
            for (long code : p11.C_GetMechanismList(slot.getSlotID())) {
                codes.add(code);
            }
            m = new Mechanisms(Set.copyOf(codes), codes.contains(PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN)
                    ? rsaMaxKeyBits(p11, slot.getSlotID()) : 0);
        } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
            throw Pkcs11Errors.map("Read the token's mechanisms", e.getErrorCode(), null, e);
        }
        seen(serial, slot);
        mechanisms.put(serial, m);
        return m;
    }

    /** A module that does not say how large an RSA key it makes is taken at its word that it makes one (as before). */
    private static long rsaMaxKeyBits(iaik.pkcs.pkcs11.wrapper.PKCS11 p11, long slotId) {
        try {
            return p11.C_GetMechanismInfo(slotId, PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN).ulMaxKeySize;
        } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
            LOG.debug("C_GetMechanismInfo(CKM_RSA_PKCS_KEY_PAIR_GEN): {}", Pkcs11Errors.name(e.getErrorCode()));
            return Long.MAX_VALUE;
        }
    }

    /** Marks the token as having an open session; a second one at the same time is refused. */
    void claim(String serial) {
        assertOnThread();
        if (!claimedSerials.add(serial)) {
            throw new IllegalStateException("A session on token " + serial + " is already open; close it first");
        }
    }

    void release(String serial) {
        assertOnThread();
        claimedSerials.remove(serial);
    }

    void sessionOpened() {
        assertOnThread();
        openSessions++;
    }

    void sessionClosed() {
        assertOnThread();
        openSessions--;
    }

    /** A call into the module; thrown PKCS#11 errors become {@link TokenException}s. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    /** Runs the call on the module's thread and waits for it. */
    <T> T call(String operation, Call<T> call) {
        try (TokenPhaseEvent phase = TokenPhaseEvent.start(TokenPhaseEvent.TOKEN, operation)) {
            return Thread.currentThread() == thread ? runMapped(operation, call) : callOnThread(operation, call);
        }
    }

    private <T> T callOnThread(String operation, Call<T> call) {
        Future<T> f = executor.submit(() -> runMapped(operation, call));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(TokenProblem.DEVICE_ERROR, operation + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new TokenException(TokenProblem.DEVICE_ERROR, operation + ": " + c.getMessage(), c);
        }
    }

    private static <T> T runMapped(String operation, Call<T> call) {
        try {
            return call.run();
        } catch (PKCS11Exception e) {
            TokenException te = Pkcs11Errors.map(operation, e.getErrorCode(), null, e);
            LOG.debug("{} failed with {}", operation, Pkcs11Errors.name(e.getErrorCode()));
            throw te;
        } catch (TokenException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, operation + ": " + e.getMessage(), e);
        }
    }

    private void assertOnThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("PKCS#11 call outside the PKCS#11 thread");
        }
    }

    /** Routes the wrapper's own logging to SLF4J. */
    private static final class Slf4jWrapperLogger implements org.xipki.pkcs11.wrapper.Logger {
        private static final Logger W = LoggerFactory.getLogger("org.xipki.pkcs11.wrapper");

        @Override public void info(String f, Object... a) { W.info(f, a); }
        @Override public void warn(String f, Object... a) { W.warn(f, a); }
        @Override public void error(String f, Object... a) { W.error(f, a); }
        @Override public void debug(String f, Object... a) { W.debug(f, a); }
        @Override public void trace(String f, Object... a) { W.trace(f, a); }
        @Override public boolean isDebugEnabled() { return W.isDebugEnabled(); }
        @Override public boolean isInfoEnabled() { return W.isInfoEnabled(); }
        @Override public boolean isWarnEnabled() { return W.isWarnEnabled(); }
        @Override public boolean isTraceEnabled() { return W.isTraceEnabled(); }
    }
}
