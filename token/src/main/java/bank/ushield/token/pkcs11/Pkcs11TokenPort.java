package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_WRITE_PROTECTED;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.SlotInfo;

import bank.ushield.token.TokenException;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenListener;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenProblem;
import bank.ushield.token.TokenSession;
import bank.ushield.token.TokenWatcher;

/**
 * The token port over a vendor PKCS#11 module (or SoftHSM2) through the IAIK wrapper API. Nothing of the wrapper
 * leaves this package: callers see {@link TokenInfo}, {@link TokenSession} and {@link TokenException}.
 */
public final class Pkcs11TokenPort implements TokenPort {

    private final Pkcs11Runtime runtime;
    private final VendorProfiles profiles;

    private Pkcs11TokenPort(Pkcs11Runtime runtime, VendorProfiles profiles) {
        this.runtime = runtime;
        this.profiles = profiles;
    }

    /** The port over the module at this path (loaded and initialised once per JVM, shared after that). */
    public static Pkcs11TokenPort open(Path moduleLibrary) {
        return open(moduleLibrary, VendorProfiles.shipped());
    }

    /** The port over the module, doing SM2 through the first of these vendor profiles that fits a token. */
    public static Pkcs11TokenPort open(Path moduleLibrary, VendorProfiles profiles) {
        return new Pkcs11TokenPort(Pkcs11Runtime.of(moduleLibrary), profiles);
    }

    @Override
    public List<ReaderSlot> readers() {
        return runtime.call("List the readers", () -> {
            runtime.rescanIfIdle();
            List<ReaderSlot> out = new ArrayList<>();
            for (Slot slot : runtime.module().getSlotList(false)) {
                SlotInfo si = slot.getSlotInfo();
                Optional<TokenInfo> token = si.isTokenPresent() ? initialised(runtime, slot) : Optional.empty();
                out.add(new ReaderSlot(si.getSlotDescription().strip(), token));
            }
            runtime.present(out.stream().flatMap(r -> r.token().stream()).map(TokenInfo::serial)
                    .collect(java.util.stream.Collectors.toSet()));
            return out;
        });
    }

    @Override
    public List<TokenInfo> presentTokens() {
        return runtime.call("List the tokens", () -> {
            runtime.rescanIfIdle();
            return listPresent();
        });
    }

    @Override
    public List<TokenInfo> presentTokens(String wanted) {
        return runtime.call("List the tokens", () -> {
            if (wanted != null) {
                // Re-initialising the module costs more than the rest of the read (SoftHSM2 re-reads every token).
                List<TokenInfo> seen = listPresent();
                if (seen.stream().anyMatch(t -> t.serial().equals(wanted))) {
                    return seen;
                }
            }
            runtime.rescanIfIdle();
            return listPresent();
        });
    }

    /** Where the token was last seen (one C_GetTokenInfo), else by the slot list; never re-initialises the module. */
    @Override
    public Optional<TokenInfo> present(String serial) {
        return runtime.call("Find the token", () -> Optional.ofNullable(locate(serial)).map(Located::info));
    }

    private List<TokenInfo> listPresent() throws PKCS11Exception {
        List<TokenInfo> out = new ArrayList<>();
        for (Slot slot : runtime.module().getSlotList(true)) {
            initialised(runtime, slot).ifPresent(out::add);
        }
        runtime.present(out.stream().map(TokenInfo::serial).collect(java.util.stream.Collectors.toSet()));
        return out;
    }

    /** The token in this slot (C_GetTokenInfo; the reader's description as the runtime keeps it), noted as seen. */
    static Optional<TokenInfo> initialised(Pkcs11Runtime runtime, Slot slot) {
        try {
            org.xipki.pkcs11.wrapper.TokenInfo ti = slot.getToken().getTokenInfo();
            if (!ti.isTokenInitialized()) {
                return Optional.empty();
            }
            TokenInfo info = toInfo(runtime, slot, ti);
            runtime.seen(info.serial(), slot);
            return Optional.of(info);
        } catch (PKCS11Exception e) {
            // The token left between the slot list and this call: it is simply not present.
            return Optional.empty();
        }
    }

    static TokenInfo toInfo(Pkcs11Runtime runtime, Slot slot, org.xipki.pkcs11.wrapper.TokenInfo ti)
            throws PKCS11Exception {
        return new TokenInfo(ti.getSerialNumber().strip(), ti.getLabel().strip(), ti.getModel().strip(),
                ti.getManufacturerID().strip(), runtime.slotDescription(slot),
                Pkcs11Errors.pinStatusOf(ti.getFlags()), (ti.getFlags() & CKF_WRITE_PROTECTED) != 0);
    }

    @Override
    public TokenSession open(String serial) {
        return runtime.call("Open the token", () -> openOnThread(serial, true));
    }

    /** Open, work and close on the module's thread: one hand-over; never re-reads the readers (as {@code present}). */
    @Override
    public <T> T inSession(String serial, java.util.function.Function<TokenSession, T> work) {
        return runtime.call("Read the token", () -> {
            try (TokenSession session = openOnThread(serial, false)) {
                return work.apply(session);
            }
        });
    }

    private Pkcs11TokenSession openOnThread(String serial, boolean rescan) throws PKCS11Exception {
        Located found = locate(serial);
        if (found == null && rescan && runtime.rescanIfIdle()) {
            found = locate(serial);
        }
        if (found == null) {
            throw new TokenException(TokenProblem.TOKEN_NOT_FOUND, "The token " + serial + " is not in any reader");
        }
        return Pkcs11TokenSession.open(runtime, found.slot(), found.info(), profiles.forToken(found.info()).orElse(null));
    }

    @Override
    public void initialise(String serial, char[] soPin, String label, char[] userPin) {
        char[] soForLogin = soPin.clone();
        try {
            runtime.call("Initialise the token", () -> {
                Located found = locate(serial);
                Slot slot = found == null ? null : found.slot();
                if (slot == null) {
                    throw new TokenException(TokenProblem.TOKEN_NOT_FOUND,
                            "The token " + serial + " is not in any reader");
                }
                runtime.claim(serial); // no session of ours may be open: C_InitToken refuses then
                try {
                    // PKCS#11 labels are 32 characters padded with blanks.
                    char[] padded = String.format("%-32.32s", label).toCharArray();
                    try {
                        runtime.module().getPKCS11Module().C_InitToken(slot.getSlotID(), soPin, padded, true);
                    } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
                        throw Pkcs11Errors.map("Initialise the token", e.getErrorCode(), null, e);
                    }
                    if (userPin != null) {
                        org.xipki.pkcs11.wrapper.Session s = slot.getToken().openSession(true);
                        try {
                            s.login(org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO, soForLogin);
                            s.initPIN(userPin);
                            s.logout();
                        } finally {
                            s.closeSession();
                        }
                    }
                    return null;
                } finally {
                    runtime.release(serial);
                }
            });
        } finally {
            java.util.Arrays.fill(soPin, '\0');
            java.util.Arrays.fill(soForLogin, '\0');
            if (userPin != null) {
                java.util.Arrays.fill(userPin, '\0');
            }
        }
    }

    private record Located(Slot slot, TokenInfo info) {
    }

    /**
     * The slot holding this token and its info: the slot it was last seen in if its token info still names it (one
     * call), else by the slot list; null if no slot holds it.
     */
    private Located locate(String serial) throws PKCS11Exception {
        Slot last = runtime.lastSlot(serial);
        if (last != null) {
            Optional<TokenInfo> info = initialised(runtime, last);
            if (info.isPresent() && info.get().serial().equals(serial)) {
                return new Located(last, info.get());
            }
            runtime.forget(serial);
        }
        for (Slot slot : runtime.module().getSlotList(true)) {
            Optional<TokenInfo> info = initialised(runtime, slot);
            if (info.isPresent() && info.get().serial().equals(serial)) {
                return new Located(slot, info.get());
            }
        }
        return null;
    }

    /**
     * Polls by the slot list and each present slot's token info (one C_GetSlotList, one C_GetTokenInfo per token),
     * never re-initialising the module on a poll: modules over card readers (OpenSC, USB token middleware) list a
     * card put in or pulled out there. For modules that see new tokens only at C_Initialize (SoftHSM2, some
     * middleware), the readers are re-read that way, when no session is open, at most every {@link #REREAD_EVERY}.
     */
    @Override
    public AutoCloseable watch(TokenListener listener, Duration interval) {
        long every = Math.max(1, REREAD_EVERY.toMillis() / Math.max(1, interval.toMillis()));
        long[] polls = {0};
        return TokenWatcher.start(() -> poll(polls[0]++ % every == 0), listener, interval);
    }

    /** How often the watcher re-initialises an idle module to see tokens it lists only at C_Initialize. */
    static final Duration REREAD_EVERY = Duration.ofSeconds(5);

    /** One watcher poll: the present tokens by the slot list; with {@code reread}, re-initialising first if idle. */
    List<TokenInfo> poll(boolean reread) {
        return runtime.call("Poll the readers", () -> {
            if (reread) {
                runtime.rescanIfIdle();
            }
            return listPresent();
        });
    }

    /** The module library this port talks to. */
    public Path library() {
        return runtime.library();
    }

    @Override
    public void close() {
        // The module stays initialised for the JVM's lifetime: other ports may share it.
    }

    @Override
    public String toString() {
        return "Pkcs11TokenPort[" + runtime.library() + "]";
    }
}
