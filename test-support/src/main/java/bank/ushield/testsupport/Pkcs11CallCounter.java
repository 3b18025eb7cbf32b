package bank.ushield.testsupport;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import iaik.pkcs.pkcs11.wrapper.PKCS11Implementation;

/**
 * Counts the native PKCS#11 calls the token module makes into a module library (tests and benches only): the
 * module's {@code PKCS11Implementation} is swapped, by reflection, for this subclass, which counts each function and
 * then calls the real one (the same loaded library, so the module's state is shared). Install it after the port is
 * opened and before any session is. OpenSC's pkcs11-spy cannot serve here: it crashes in C_GetInterfaceList when the
 * module under it (SoftHSM 2.6) has none.
 */
public final class Pkcs11CallCounter extends PKCS11Implementation {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    /** The implementation replaced: kept reachable so that its finalizer never disconnects the library. */
    private Object replaced;

    private Pkcs11CallCounter(String library) throws IOException {
        super(library);
    }

    /** Counts the calls into {@code library}'s module as the token module loaded it (Pkcs11TokenPort.open first). */
    public static Pkcs11CallCounter install(Path library) {
        try {
            Class<?> runtimeClass = Class.forName("bank.ushield.token.pkcs11.Pkcs11Runtime");
            Map<?, ?> runtimes = (Map<?, ?>) field(runtimeClass, "RUNTIMES").get(null);
            Object runtime = runtimes.get(library.toRealPath());
            if (runtime == null) {
                throw new IllegalStateException("No PKCS#11 runtime for " + library + ": open the port first");
            }
            Object module = field(runtimeClass, "module").get(runtime);
            Field implementation = field(module.getClass(), "pkcs11");
            Pkcs11CallCounter counter = new Pkcs11CallCounter(library.toRealPath().toString());
            counter.replaced = implementation.get(module);
            implementation.set(module, counter);
            return counter;
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("Cannot count the PKCS#11 calls of " + library, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The calls so far by function name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The calls since {@code before} (a {@link #snapshot()}), by function name; functions not called are left out. */
    public Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        snapshot().forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n > 0) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** The number of calls in a {@link #since(Map)} result. */
    public static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private void count(String function) {
        calls.computeIfAbsent(function, k -> new LongAdder()).increment();
    }

    @Override
    public void C_Initialize(java.lang.Object a0, boolean a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Initialize");
        super.C_Initialize(a0, a1);
    }

    @Override
    public void C_Finalize(java.lang.Object a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Finalize");
        super.C_Finalize(a0);
    }

    @Override
    public iaik.pkcs.pkcs11.wrapper.CK_INFO C_GetInfo() throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetInfo");
        return super.C_GetInfo();
    }

    @Override
    public long[] C_GetSlotList(boolean a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetSlotList");
        return super.C_GetSlotList(a0);
    }

    @Override
    public iaik.pkcs.pkcs11.wrapper.CK_SLOT_INFO C_GetSlotInfo(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetSlotInfo");
        return super.C_GetSlotInfo(a0);
    }

    @Override
    public iaik.pkcs.pkcs11.wrapper.CK_TOKEN_INFO C_GetTokenInfo(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetTokenInfo");
        return super.C_GetTokenInfo(a0);
    }

    @Override
    public long[] C_GetMechanismList(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetMechanismList");
        return super.C_GetMechanismList(a0);
    }

    @Override
    public iaik.pkcs.pkcs11.wrapper.CK_MECHANISM_INFO C_GetMechanismInfo(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetMechanismInfo");
        return super.C_GetMechanismInfo(a0, a1);
    }

    @Override
    public void C_InitToken(long a0, char[] a1, char[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_InitToken");
        super.C_InitToken(a0, a1, a2, a3);
    }

    @Override
    public void C_InitPIN(long a0, char[] a1, boolean a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_InitPIN");
        super.C_InitPIN(a0, a1, a2);
    }

    @Override
    public void C_SetPIN(long a0, char[] a1, char[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SetPIN");
        super.C_SetPIN(a0, a1, a2, a3);
    }

    @Override
    public long C_OpenSession(long a0, long a1, java.lang.Object a2, iaik.pkcs.pkcs11.wrapper.CK_NOTIFY a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_OpenSession");
        return super.C_OpenSession(a0, a1, a2, a3);
    }

    @Override
    public void C_CloseSession(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_CloseSession");
        super.C_CloseSession(a0);
    }

    @Override
    public void C_CloseAllSessions(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_CloseAllSessions");
        super.C_CloseAllSessions(a0);
    }

    @Override
    public iaik.pkcs.pkcs11.wrapper.CK_SESSION_INFO C_GetSessionInfo(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetSessionInfo");
        return super.C_GetSessionInfo(a0);
    }

    @Override
    public void C_SessionCancel(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SessionCancel");
        super.C_SessionCancel(a0, a1);
    }

    @Override
    public byte[] C_GetOperationState(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetOperationState");
        return super.C_GetOperationState(a0);
    }

    @Override
    public void C_SetOperationState(long a0, byte[] a1, long a2, long a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SetOperationState");
        super.C_SetOperationState(a0, a1, a2, a3);
    }

    @Override
    public void C_Login(long a0, long a1, char[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Login");
        super.C_Login(a0, a1, a2, a3);
    }

    @Override
    public void C_LoginUser(long a0, long a1, char[] a2, char[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_LoginUser");
        super.C_LoginUser(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_Logout(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Logout");
        super.C_Logout(a0);
    }

    @Override
    public long C_CreateObject(long a0, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a1, boolean a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_CreateObject");
        return super.C_CreateObject(a0, a1, a2);
    }

    @Override
    public long C_CopyObject(long a0, long a1, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_CopyObject");
        return super.C_CopyObject(a0, a1, a2, a3);
    }

    @Override
    public void C_DestroyObject(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DestroyObject");
        super.C_DestroyObject(a0, a1);
    }

    @Override
    public long C_GetObjectSize(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetObjectSize");
        return super.C_GetObjectSize(a0, a1);
    }

    @Override
    public void C_GetAttributeValue(long a0, long a1, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetAttributeValue");
        super.C_GetAttributeValue(a0, a1, a2, a3);
    }

    @Override
    public void C_SetAttributeValue(long a0, long a1, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SetAttributeValue");
        super.C_SetAttributeValue(a0, a1, a2, a3);
    }

    @Override
    public void C_FindObjectsInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a1, boolean a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_FindObjectsInit");
        super.C_FindObjectsInit(a0, a1, a2);
    }

    @Override
    public long[] C_FindObjects(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_FindObjects");
        return super.C_FindObjects(a0, a1);
    }

    @Override
    public void C_FindObjectsFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_FindObjectsFinal");
        super.C_FindObjectsFinal(a0);
    }

    @Override
    public void C_EncryptInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptInit");
        super.C_EncryptInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_Encrypt(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Encrypt");
        return super.C_Encrypt(a0, a1);
    }

    @Override
    public byte[] C_EncryptUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptUpdate");
        return super.C_EncryptUpdate(a0, a1);
    }

    @Override
    public byte[] C_EncryptFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptFinal");
        return super.C_EncryptFinal(a0);
    }

    @Override
    public void C_MessageEncryptInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageEncryptInit");
        super.C_MessageEncryptInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_EncryptMessage(long a0, java.lang.Object a1, byte[] a2, byte[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptMessage");
        return super.C_EncryptMessage(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_EncryptMessageBegin(long a0, java.lang.Object a1, byte[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptMessageBegin");
        super.C_EncryptMessageBegin(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_EncryptMessageNext(long a0, java.lang.Object a1, byte[] a2, long a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_EncryptMessageNext");
        return super.C_EncryptMessageNext(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_MessageEncryptFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageEncryptFinal");
        super.C_MessageEncryptFinal(a0);
    }

    @Override
    public void C_DecryptInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptInit");
        super.C_DecryptInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_Decrypt(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Decrypt");
        return super.C_Decrypt(a0, a1);
    }

    @Override
    public byte[] C_DecryptUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptUpdate");
        return super.C_DecryptUpdate(a0, a1);
    }

    @Override
    public byte[] C_DecryptFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptFinal");
        return super.C_DecryptFinal(a0);
    }

    @Override
    public void C_MessageDecryptInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageDecryptInit");
        super.C_MessageDecryptInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_DecryptMessage(long a0, java.lang.Object a1, byte[] a2, byte[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptMessage");
        return super.C_DecryptMessage(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_DecryptMessageBegin(long a0, java.lang.Object a1, byte[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptMessageBegin");
        super.C_DecryptMessageBegin(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_DecryptMessageNext(long a0, java.lang.Object a1, byte[] a2, long a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptMessageNext");
        return super.C_DecryptMessageNext(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_MessageDecryptFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageDecryptFinal");
        super.C_MessageDecryptFinal(a0);
    }

    @Override
    public void C_DigestInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, boolean a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DigestInit");
        super.C_DigestInit(a0, a1, a2);
    }

    @Override
    public byte[] C_Digest(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Digest");
        return super.C_Digest(a0, a1);
    }

    @Override
    public void C_DigestUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DigestUpdate");
        super.C_DigestUpdate(a0, a1);
    }

    @Override
    public void C_DigestKey(long a0, long a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DigestKey");
        super.C_DigestKey(a0, a1);
    }

    @Override
    public byte[] C_DigestFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DigestFinal");
        return super.C_DigestFinal(a0);
    }

    @Override
    public void C_SignInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignInit");
        super.C_SignInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_Sign(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Sign");
        return super.C_Sign(a0, a1);
    }

    @Override
    public void C_SignUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignUpdate");
        super.C_SignUpdate(a0, a1);
    }

    @Override
    public byte[] C_SignFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignFinal");
        return super.C_SignFinal(a0);
    }

    @Override
    public void C_SignRecoverInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignRecoverInit");
        super.C_SignRecoverInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_SignRecover(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignRecover");
        return super.C_SignRecover(a0, a1);
    }

    @Override
    public void C_MessageSignInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) {
        count("C_MessageSignInit");
        super.C_MessageSignInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_SignMessage(long a0, java.lang.Object a1, byte[] a2, boolean a3) {
        count("C_SignMessage");
        return super.C_SignMessage(a0, a1, a2, a3);
    }

    @Override
    public void C_SignMessageBegin(long a0, java.lang.Object a1, boolean a2) {
        count("C_SignMessageBegin");
        super.C_SignMessageBegin(a0, a1, a2);
    }

    @Override
    public byte[] C_SignMessageNext(long a0, java.lang.Object a1, byte[] a2, boolean a3, boolean a4) {
        count("C_SignMessageNext");
        return super.C_SignMessageNext(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_MessageSignFinal(long a0) {
        count("C_MessageSignFinal");
        super.C_MessageSignFinal(a0);
    }

    @Override
    public void C_VerifyInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyInit");
        super.C_VerifyInit(a0, a1, a2, a3);
    }

    @Override
    public void C_Verify(long a0, byte[] a1, byte[] a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_Verify");
        super.C_Verify(a0, a1, a2);
    }

    @Override
    public void C_VerifyUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyUpdate");
        super.C_VerifyUpdate(a0, a1);
    }

    @Override
    public void C_VerifyFinal(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyFinal");
        super.C_VerifyFinal(a0, a1);
    }

    @Override
    public void C_VerifyRecoverInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyRecoverInit");
        super.C_VerifyRecoverInit(a0, a1, a2, a3);
    }

    @Override
    public byte[] C_VerifyRecover(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyRecover");
        return super.C_VerifyRecover(a0, a1);
    }

    @Override
    public void C_MessageVerifyInit(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageVerifyInit");
        super.C_MessageVerifyInit(a0, a1, a2, a3);
    }

    @Override
    public void C_VerifyMessage(long a0, java.lang.Object a1, byte[] a2, byte[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyMessage");
        super.C_VerifyMessage(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_VerifyMessageBegin(long a0, java.lang.Object a1, boolean a2) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyMessageBegin");
        super.C_VerifyMessageBegin(a0, a1, a2);
    }

    @Override
    public void C_VerifyMessageNext(long a0, java.lang.Object a1, byte[] a2, byte[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_VerifyMessageNext");
        super.C_VerifyMessageNext(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_MessageVerifyFinal(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_MessageVerifyFinal");
        super.C_MessageVerifyFinal(a0);
    }

    @Override
    public byte[] C_DigestEncryptUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DigestEncryptUpdate");
        return super.C_DigestEncryptUpdate(a0, a1);
    }

    @Override
    public byte[] C_DecryptDigestUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptDigestUpdate");
        return super.C_DecryptDigestUpdate(a0, a1);
    }

    @Override
    public byte[] C_SignEncryptUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SignEncryptUpdate");
        return super.C_SignEncryptUpdate(a0, a1);
    }

    @Override
    public byte[] C_DecryptVerifyUpdate(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DecryptVerifyUpdate");
        return super.C_DecryptVerifyUpdate(a0, a1);
    }

    @Override
    public long C_GenerateKey(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a2, boolean a3) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GenerateKey");
        return super.C_GenerateKey(a0, a1, a2, a3);
    }

    @Override
    public long[] C_GenerateKeyPair(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a2, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GenerateKeyPair");
        return super.C_GenerateKeyPair(a0, a1, a2, a3, a4);
    }

    @Override
    public byte[] C_WrapKey(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, long a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_WrapKey");
        return super.C_WrapKey(a0, a1, a2, a3, a4);
    }

    @Override
    public long C_UnwrapKey(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, byte[] a3, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a4, boolean a5) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_UnwrapKey");
        return super.C_UnwrapKey(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public long C_DeriveKey(long a0, iaik.pkcs.pkcs11.wrapper.CK_MECHANISM a1, long a2, iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE[] a3, boolean a4) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_DeriveKey");
        return super.C_DeriveKey(a0, a1, a2, a3, a4);
    }

    @Override
    public void C_SeedRandom(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_SeedRandom");
        super.C_SeedRandom(a0, a1);
    }

    @Override
    public void C_GenerateRandom(long a0, byte[] a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GenerateRandom");
        super.C_GenerateRandom(a0, a1);
    }

    @Override
    public void C_GetFunctionStatus(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_GetFunctionStatus");
        super.C_GetFunctionStatus(a0);
    }

    @Override
    public void C_CancelFunction(long a0) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_CancelFunction");
        super.C_CancelFunction(a0);
    }

    @Override
    public long C_WaitForSlotEvent(long a0, java.lang.Object a1) throws iaik.pkcs.pkcs11.wrapper.PKCS11Exception {
        count("C_WaitForSlotEvent");
        return super.C_WaitForSlotEvent(a0, a1);
    }
}
