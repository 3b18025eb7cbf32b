/*
 * A test double of an SM2 U-shield's PKCS#11 module: one slot, one token, SM2 only, with vendor mechanism codes
 * (PKCS#11 defines none for SM2). It implements what the workstation's adapter calls and nothing more:
 * slots, sessions, login with PIN tries, SM2 key generation, SM2 signing (raw e, or SM3 with Z on the token),
 * SM3, certificate objects, find/read/destroy. Objects live in a small text file (STORE_FILE, given at build time).
 * Crypto is OpenSSL's libcrypto. Built by gcc at test time (Sm2VendorToken.java).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <p11-kit/pkcs11.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#ifndef STORE_FILE
#error "STORE_FILE must be defined"
#endif
#ifndef TEST_PIN
#define TEST_PIN "123456"
#endif

/* The vendor's codes (as a GM token vendor defines them in its own header). */
#define CKK_VENDOR_SM2        0x80000004UL
#define CKM_VENDOR_SM2_KEYGEN 0x80008001UL
#define CKM_VENDOR_SM2_RAW    0x80008000UL /* input: e = SM3(Z || M), 32 bytes */
#define CKM_VENDOR_SM2_SM3    0x80008100UL /* input: M; Z computed on the token from the parameter (user ID) */
#define CKM_VENDOR_SM3        0x80009001UL

#define MAX_TRIES 3
#define MAX_OBJECTS 64
#define MAX_SESSIONS 8
#define SLOT 1

static const unsigned char SM2_PARAMS[] = {0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D};
static const char DEFAULT_ID[] = "1234567812345678";

typedef struct {
    int used;
    CK_OBJECT_HANDLE handle;
    CK_OBJECT_CLASS cls;
    unsigned char id[64]; size_t idLen;
    unsigned char label[128]; size_t labelLen;
    unsigned char priv[32]; size_t privLen;     /* private scalar (private key only) */
    unsigned char point[65]; size_t pointLen;   /* uncompressed public point (keys) */
    unsigned char *value; size_t valueLen;      /* certificate DER */
    unsigned char *subject; size_t subjectLen;  /* certificate subject DER */
} Obj;

typedef struct {
    int open;
    CK_FLAGS flags;
    CK_OBJECT_HANDLE found[MAX_OBJECTS]; CK_ULONG foundCount, foundPos; int finding;
    CK_MECHANISM_TYPE signMech; CK_OBJECT_HANDLE signKey; unsigned char signId[128]; size_t signIdLen; int signing;
    int digesting;
} Sess;

static int initialized;
static int loggedIn;
static char pin[64];
static int tries;
static CK_OBJECT_HANDLE nextHandle;
static Obj objs[MAX_OBJECTS];
static Sess sessions[MAX_SESSIONS + 1];

/* ---- the file store ------------------------------------------------------------------------------------------ */

static void hexOut(FILE *f, const unsigned char *b, size_t n) {
    if (n == 0) { fputs(" -", f); return; }
    fputc(' ', f);
    for (size_t i = 0; i < n; i++) fprintf(f, "%02x", b[i]);
}

static size_t hexIn(const char *s, unsigned char *out, size_t max) {
    if (!s || strcmp(s, "-") == 0) return 0;
    size_t n = strlen(s) / 2;
    if (n > max) n = max;
    for (size_t i = 0; i < n; i++) { unsigned int v; sscanf(s + 2 * i, "%2x", &v); out[i] = (unsigned char) v; }
    return n;
}

static unsigned char *hexAlloc(const char *s, size_t *n) {
    *n = 0;
    if (!s || strcmp(s, "-") == 0) return NULL;
    size_t len = strlen(s) / 2;
    unsigned char *b = malloc(len);
    *n = hexIn(s, b, len);
    return b;
}

static void save(void) {
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s.tmp", STORE_FILE);
    FILE *f = fopen(tmp, "w");
    if (!f) return;
    fprintf(f, "pin %s\ntries %d\nnext %lu\n", pin, tries, (unsigned long) nextHandle);
    for (int i = 0; i < MAX_OBJECTS; i++) {
        Obj *o = &objs[i];
        if (!o->used) continue;
        fprintf(f, "obj %lu %lu", (unsigned long) o->handle, (unsigned long) o->cls);
        hexOut(f, o->id, o->idLen); hexOut(f, o->label, o->labelLen); hexOut(f, o->priv, o->privLen);
        hexOut(f, o->point, o->pointLen); hexOut(f, o->value, o->valueLen); hexOut(f, o->subject, o->subjectLen);
        fputc('\n', f);
    }
    fclose(f);
    rename(tmp, STORE_FILE);
}

static void freeObj(Obj *o) {
    free(o->value); free(o->subject);
    memset(o, 0, sizeof *o);
}

static void load(void) {
    for (int i = 0; i < MAX_OBJECTS; i++) if (objs[i].used) freeObj(&objs[i]);
    strcpy(pin, TEST_PIN); tries = MAX_TRIES; nextHandle = 1;
    FILE *f = fopen(STORE_FILE, "r");
    if (!f) return;
    char *line = NULL; size_t cap = 0; int n = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = 0;
        char *save = NULL;
        char *k = strtok_r(line, " ", &save);
        if (!k) continue;
        if (!strcmp(k, "pin")) { char *v = strtok_r(NULL, " ", &save); if (v) snprintf(pin, sizeof pin, "%s", v); }
        else if (!strcmp(k, "tries")) tries = atoi(strtok_r(NULL, " ", &save));
        else if (!strcmp(k, "next")) nextHandle = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
        else if (!strcmp(k, "obj") && n < MAX_OBJECTS) {
            Obj *o = &objs[n++];
            o->used = 1;
            o->handle = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
            o->cls = strtoul(strtok_r(NULL, " ", &save), NULL, 10);
            o->idLen = hexIn(strtok_r(NULL, " ", &save), o->id, sizeof o->id);
            o->labelLen = hexIn(strtok_r(NULL, " ", &save), o->label, sizeof o->label);
            o->privLen = hexIn(strtok_r(NULL, " ", &save), o->priv, sizeof o->priv);
            o->pointLen = hexIn(strtok_r(NULL, " ", &save), o->point, sizeof o->point);
            o->value = hexAlloc(strtok_r(NULL, " ", &save), &o->valueLen);
            o->subject = hexAlloc(strtok_r(NULL, " ", &save), &o->subjectLen);
        }
    }
    free(line);
    fclose(f);
}

static Obj *objByHandle(CK_OBJECT_HANDLE h) {
    for (int i = 0; i < MAX_OBJECTS; i++) if (objs[i].used && objs[i].handle == h) return &objs[i];
    return NULL;
}

static Obj *newObj(void) {
    for (int i = 0; i < MAX_OBJECTS; i++) if (!objs[i].used) { objs[i].used = 1; objs[i].handle = nextHandle++; return &objs[i]; }
    return NULL;
}

static int visible(Obj *o) { return o->cls != CKO_PRIVATE_KEY || loggedIn; }

/* ---- attributes ---------------------------------------------------------------------------------------------- */

/* 0: value in buf/len; 1: no such attribute; 2: sensitive */
static int attr(Obj *o, CK_ATTRIBUTE_TYPE t, unsigned char *buf, CK_ULONG *len) {
    CK_ULONG ul; CK_BBOOL b;
    int key = o->cls != CKO_CERTIFICATE;
#define UL(v) do { ul = (v); memcpy(buf, &ul, sizeof ul); *len = sizeof ul; return 0; } while (0)
#define BOOL(v) do { b = (v) ? CK_TRUE : CK_FALSE; buf[0] = b; *len = 1; return 0; } while (0)
#define BYTES(p, n) do { memcpy(buf, (p), (n)); *len = (n); return 0; } while (0)
    switch (t) {
    case CKA_CLASS: UL(o->cls);
    case CKA_TOKEN: BOOL(1);
    case CKA_PRIVATE: BOOL(o->cls == CKO_PRIVATE_KEY);
    case CKA_MODIFIABLE: BOOL(1);
    case CKA_ID: BYTES(o->id, o->idLen);
    case CKA_LABEL: BYTES(o->label, o->labelLen);
    }
    if (key) {
        switch (t) {
        case CKA_KEY_TYPE: UL(CKK_VENDOR_SM2);
        case CKA_EC_PARAMS: BYTES(SM2_PARAMS, sizeof SM2_PARAMS);
        case CKA_EC_POINT:
            if (o->cls != CKO_PUBLIC_KEY) return 1;
            buf[0] = 0x04; buf[1] = (unsigned char) o->pointLen; memcpy(buf + 2, o->point, o->pointLen);
            *len = o->pointLen + 2; return 0;
        case CKA_LOCAL: BOOL(1);
        case CKA_SIGN: BOOL(o->cls == CKO_PRIVATE_KEY);
        case CKA_VERIFY: BOOL(o->cls == CKO_PUBLIC_KEY);
        case CKA_DECRYPT: case CKA_ENCRYPT: case CKA_WRAP: case CKA_UNWRAP: case CKA_DERIVE: BOOL(0);
        case CKA_SENSITIVE: case CKA_ALWAYS_SENSITIVE: BOOL(o->cls == CKO_PRIVATE_KEY);
        case CKA_EXTRACTABLE: BOOL(o->cls != CKO_PRIVATE_KEY);
        case CKA_NEVER_EXTRACTABLE: BOOL(o->cls == CKO_PRIVATE_KEY);
        case CKA_VALUE: return o->cls == CKO_PRIVATE_KEY ? 2 : 1;
        }
        return 1;
    }
    switch (t) {
    case CKA_CERTIFICATE_TYPE: UL(CKC_X_509);
    case CKA_VALUE: BYTES(o->value, o->valueLen);
    case CKA_SUBJECT: BYTES(o->subject, o->subjectLen);
    }
    return 1;
#undef UL
#undef BOOL
#undef BYTES
}

static int matches(Obj *o, CK_ATTRIBUTE *tmpl, CK_ULONG n) {
    static unsigned char buf[16384];
    for (CK_ULONG i = 0; i < n; i++) {
        CK_ULONG len = 0;
        if (attr(o, tmpl[i].type, buf, &len) != 0) return 0;
        if (len != tmpl[i].ulValueLen || memcmp(buf, tmpl[i].pValue, len) != 0) return 0;
    }
    return 1;
}

static CK_ATTRIBUTE *find(CK_ATTRIBUTE *tmpl, CK_ULONG n, CK_ATTRIBUTE_TYPE t) {
    for (CK_ULONG i = 0; i < n; i++) if (tmpl[i].type == t) return &tmpl[i];
    return NULL;
}

static void copyAttr(CK_ATTRIBUTE *tmpl, CK_ULONG n, CK_ATTRIBUTE_TYPE t, unsigned char *dst, size_t *len, size_t max) {
    CK_ATTRIBUTE *a = find(tmpl, n, t);
    *len = 0;
    if (a && a->ulValueLen <= max) { memcpy(dst, a->pValue, a->ulValueLen); *len = a->ulValueLen; }
}

/* ---- the functions ------------------------------------------------------------------------------------------- */

#define NEED_INIT if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED
#define SESSION(h) NEED_INIT; if ((h) < 1 || (h) > MAX_SESSIONS || !sessions[h].open) return CKR_SESSION_HANDLE_INVALID; \
    Sess *s = &sessions[h]

static CK_RV notSupported(void) { return CKR_FUNCTION_NOT_SUPPORTED; }

static void pad(unsigned char *dst, size_t n, const char *text) {
    memset(dst, ' ', n);
    memcpy(dst, text, strlen(text) < n ? strlen(text) : n);
}

CK_RV C_Initialize(void *args) {
    (void) args;
    if (initialized) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    load();
    memset(sessions, 0, sizeof sessions);
    loggedIn = 0;
    initialized = 1;
    return CKR_OK;
}

CK_RV C_Finalize(void *reserved) {
    (void) reserved;
    NEED_INIT;
    initialized = 0;
    loggedIn = 0;
    return CKR_OK;
}

CK_RV C_GetInfo(CK_INFO *info) {
    NEED_INIT;
    memset(info, 0, sizeof *info);
    info->cryptokiVersion.major = 2; info->cryptokiVersion.minor = 40;
    pad(info->manufacturerID, 32, "Test GM Vendor");
    pad(info->libraryDescription, 32, "SM2 U-shield test double");
    info->libraryVersion.major = 1;
    return CKR_OK;
}

CK_RV C_GetSlotList(CK_BBOOL present, CK_SLOT_ID *list, CK_ULONG *count) {
    (void) present;
    NEED_INIT;
    if (list) {
        if (*count < 1) { *count = 1; return CKR_BUFFER_TOO_SMALL; }
        list[0] = SLOT;
    }
    *count = 1;
    return CKR_OK;
}

CK_RV C_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO *info) {
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    memset(info, 0, sizeof *info);
    pad(info->slotDescription, 64, "Test GM desk reader");
    pad(info->manufacturerID, 32, "Test GM Vendor");
    info->flags = CKF_TOKEN_PRESENT | CKF_REMOVABLE_DEVICE | CKF_HW_SLOT;
    return CKR_OK;
}

CK_RV C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO *info) {
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    memset(info, 0, sizeof *info);
    pad(info->label, 32, "SM2 U-shield");
    pad(info->manufacturerID, 32, "Test GM Vendor");
    pad(info->model, 16, "GM3000-TEST");
    pad(info->serialNumber, 16, "GM3000T0001");
    info->flags = CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED;
    if (tries < MAX_TRIES) info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (tries == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (tries <= 0) info->flags |= CKF_USER_PIN_LOCKED;
    info->ulMaxSessionCount = MAX_SESSIONS; info->ulMaxRwSessionCount = MAX_SESSIONS;
    info->ulMaxPinLen = 16; info->ulMinPinLen = 6;
    info->ulTotalPublicMemory = info->ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulTotalPrivateMemory = info->ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info->hardwareVersion.major = 1; info->firmwareVersion.major = 1;
    /* The token's clock, as PKCS#11 writes it (YYYYMMDDhhmmss00): the wrapper warns about a blank one. */
    char now[17];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y%m%d%H%M%S00", gmtime(&t));
    memcpy(info->utcTime, now, 16);
    return CKR_OK;
}

static const CK_MECHANISM_TYPE MECHS[] = {CKM_VENDOR_SM2_KEYGEN, CKM_VENDOR_SM2_RAW, CKM_VENDOR_SM2_SM3, CKM_VENDOR_SM3};

CK_RV C_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE *list, CK_ULONG *count) {
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    CK_ULONG n = sizeof MECHS / sizeof MECHS[0];
    if (list) {
        if (*count < n) { *count = n; return CKR_BUFFER_TOO_SMALL; }
        memcpy(list, MECHS, sizeof MECHS);
    }
    *count = n;
    return CKR_OK;
}

CK_RV C_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO *info) {
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    for (size_t i = 0; i < sizeof MECHS / sizeof MECHS[0]; i++) {
        if (MECHS[i] == type) {
            info->ulMinKeySize = 256; info->ulMaxKeySize = 256;
            info->flags = CKF_HW | (type == CKM_VENDOR_SM2_KEYGEN ? CKF_GENERATE_KEY_PAIR
                    : type == CKM_VENDOR_SM3 ? CKF_DIGEST : CKF_SIGN);
            return CKR_OK;
        }
    }
    return CKR_MECHANISM_INVALID;
}

CK_RV C_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, void *app, CK_NOTIFY notify, CK_SESSION_HANDLE *h) {
    (void) app; (void) notify;
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    if (!(flags & CKF_SERIAL_SESSION)) return CKR_SESSION_PARALLEL_NOT_SUPPORTED;
    for (CK_SESSION_HANDLE i = 1; i <= MAX_SESSIONS; i++) {
        if (!sessions[i].open) {
            memset(&sessions[i], 0, sizeof sessions[i]);
            sessions[i].open = 1; sessions[i].flags = flags;
            *h = i;
            return CKR_OK;
        }
    }
    return CKR_SESSION_COUNT;
}

static int anyOpen(void) {
    for (int i = 1; i <= MAX_SESSIONS; i++) if (sessions[i].open) return 1;
    return 0;
}

CK_RV C_CloseSession(CK_SESSION_HANDLE h) {
    SESSION(h);
    s->open = 0;
    if (!anyOpen()) loggedIn = 0;
    return CKR_OK;
}

CK_RV C_CloseAllSessions(CK_SLOT_ID slot) {
    NEED_INIT;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    for (int i = 1; i <= MAX_SESSIONS; i++) sessions[i].open = 0;
    loggedIn = 0;
    return CKR_OK;
}

CK_RV C_GetSessionInfo(CK_SESSION_HANDLE h, CK_SESSION_INFO *info) {
    SESSION(h);
    int rw = (s->flags & CKF_RW_SESSION) != 0;
    info->slotID = SLOT;
    info->state = loggedIn ? (rw ? CKS_RW_USER_FUNCTIONS : CKS_RO_USER_FUNCTIONS) : (rw ? CKS_RW_PUBLIC_SESSION : CKS_RO_PUBLIC_SESSION);
    info->flags = s->flags;
    info->ulDeviceError = 0;
    return CKR_OK;
}

CK_RV C_Login(CK_SESSION_HANDLE h, CK_USER_TYPE user, unsigned char *p, CK_ULONG len) {
    SESSION(h);
    (void) s;
    if (user != CKU_USER) return CKR_USER_TYPE_INVALID;
    if (loggedIn) return CKR_USER_ALREADY_LOGGED_IN;
    if (tries <= 0) return CKR_PIN_LOCKED;
    if (len != strlen(pin) || memcmp(p, pin, len) != 0) {
        tries--;
        save();
        return tries <= 0 ? CKR_PIN_LOCKED : CKR_PIN_INCORRECT;
    }
    tries = MAX_TRIES;
    save();
    loggedIn = 1;
    return CKR_OK;
}

CK_RV C_Logout(CK_SESSION_HANDLE h) {
    SESSION(h);
    (void) s;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    loggedIn = 0;
    return CKR_OK;
}

CK_RV C_CreateObject(CK_SESSION_HANDLE h, CK_ATTRIBUTE *tmpl, CK_ULONG n, CK_OBJECT_HANDLE *out) {
    SESSION(h);
    if (!(s->flags & CKF_RW_SESSION)) return CKR_SESSION_READ_ONLY;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    CK_ATTRIBUTE *cls = find(tmpl, n, CKA_CLASS);
    if (!cls || *(CK_ULONG *) cls->pValue != CKO_CERTIFICATE) return CKR_TEMPLATE_INCONSISTENT; /* certificates only */
    CK_ATTRIBUTE *value = find(tmpl, n, CKA_VALUE), *subject = find(tmpl, n, CKA_SUBJECT);
    if (!value || !subject) return CKR_TEMPLATE_INCOMPLETE;
    Obj *o = newObj();
    if (!o) return CKR_DEVICE_MEMORY;
    o->cls = CKO_CERTIFICATE;
    copyAttr(tmpl, n, CKA_ID, o->id, &o->idLen, sizeof o->id);
    copyAttr(tmpl, n, CKA_LABEL, o->label, &o->labelLen, sizeof o->label);
    o->value = malloc(value->ulValueLen); memcpy(o->value, value->pValue, value->ulValueLen); o->valueLen = value->ulValueLen;
    o->subject = malloc(subject->ulValueLen); memcpy(o->subject, subject->pValue, subject->ulValueLen);
    o->subjectLen = subject->ulValueLen;
    save();
    *out = o->handle;
    return CKR_OK;
}

CK_RV C_DestroyObject(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh) {
    SESSION(h);
    if (!(s->flags & CKF_RW_SESSION)) return CKR_SESSION_READ_ONLY;
    Obj *o = objByHandle(oh);
    if (!o || !visible(o)) return CKR_OBJECT_HANDLE_INVALID;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    freeObj(o);
    save();
    return CKR_OK;
}

CK_RV C_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh, CK_ATTRIBUTE *tmpl, CK_ULONG n) {
    SESSION(h);
    (void) s;
    Obj *o = objByHandle(oh);
    if (!o || !visible(o)) return CKR_OBJECT_HANDLE_INVALID;
    static unsigned char buf[16384];
    CK_RV rv = CKR_OK;
    for (CK_ULONG i = 0; i < n; i++) {
        CK_ULONG len = 0;
        int r = attr(o, tmpl[i].type, buf, &len);
        if (r != 0) {
            tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = r == 2 ? CKR_ATTRIBUTE_SENSITIVE : CKR_ATTRIBUTE_TYPE_INVALID;
        } else if (!tmpl[i].pValue) {
            tmpl[i].ulValueLen = len;
        } else if (tmpl[i].ulValueLen < len) {
            tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = CKR_BUFFER_TOO_SMALL;
        } else {
            memcpy(tmpl[i].pValue, buf, len);
            tmpl[i].ulValueLen = len;
        }
    }
    return rv;
}

CK_RV C_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE *tmpl, CK_ULONG n) {
    SESSION(h);
    if (s->finding) return CKR_OPERATION_ACTIVE;
    s->foundCount = s->foundPos = 0;
    for (int i = 0; i < MAX_OBJECTS; i++) {
        if (objs[i].used && visible(&objs[i]) && matches(&objs[i], tmpl, n)) s->found[s->foundCount++] = objs[i].handle;
    }
    s->finding = 1;
    return CKR_OK;
}

CK_RV C_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE *out, CK_ULONG max, CK_ULONG *count) {
    SESSION(h);
    if (!s->finding) return CKR_OPERATION_NOT_INITIALIZED;
    CK_ULONG n = 0;
    while (n < max && s->foundPos < s->foundCount) out[n++] = s->found[s->foundPos++];
    *count = n;
    return CKR_OK;
}

CK_RV C_FindObjectsFinal(CK_SESSION_HANDLE h) {
    SESSION(h);
    if (!s->finding) return CKR_OPERATION_NOT_INITIALIZED;
    s->finding = 0;
    return CKR_OK;
}

static EVP_PKEY *sm2Key(Obj *o) {
    OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
    BIGNUM *d = BN_bin2bn(o->priv, (int) o->privLen, NULL);
    OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0);
    OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, d);
    Obj *pub = NULL;
    for (int i = 0; i < MAX_OBJECTS; i++) {
        if (objs[i].used && objs[i].cls == CKO_PUBLIC_KEY && objs[i].idLen == o->idLen
                && memcmp(objs[i].id, o->id, o->idLen) == 0) pub = &objs[i];
    }
    if (pub) OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, pub->point, pub->pointLen);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(b);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    EVP_PKEY *key = NULL;
    if (EVP_PKEY_fromdata_init(ctx) <= 0 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params) <= 0) key = NULL;
    EVP_PKEY_CTX_free(ctx); OSSL_PARAM_free(params); OSSL_PARAM_BLD_free(b); BN_clear_free(d);
    return key;
}

CK_RV C_GenerateKeyPair(CK_SESSION_HANDLE h, CK_MECHANISM *m, CK_ATTRIBUTE *pubT, CK_ULONG pubN,
                        CK_ATTRIBUTE *privT, CK_ULONG privN, CK_OBJECT_HANDLE *pubH, CK_OBJECT_HANDLE *privH) {
    SESSION(h);
    if (!(s->flags & CKF_RW_SESSION)) return CKR_SESSION_READ_ONLY;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    if (m->mechanism != CKM_VENDOR_SM2_KEYGEN) return CKR_MECHANISM_INVALID;
    CK_ATTRIBUTE *kt = find(pubT, pubN, CKA_KEY_TYPE);
    if (kt && *(CK_ULONG *) kt->pValue != CKK_VENDOR_SM2) return CKR_TEMPLATE_INCONSISTENT;
    kt = find(privT, privN, CKA_KEY_TYPE);
    if (kt && *(CK_ULONG *) kt->pValue != CKK_VENDOR_SM2) return CKR_TEMPLATE_INCONSISTENT;
    CK_ATTRIBUTE *ep = find(pubT, pubN, CKA_EC_PARAMS);
    if (ep && (ep->ulValueLen != sizeof SM2_PARAMS || memcmp(ep->pValue, SM2_PARAMS, sizeof SM2_PARAMS) != 0))
        return CKR_DOMAIN_PARAMS_INVALID;
    EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    if (!key) return CKR_DEVICE_ERROR;
    Obj *pub = newObj(), *priv = newObj();
    if (!pub || !priv) { EVP_PKEY_free(key); return CKR_DEVICE_MEMORY; }
    BIGNUM *d = NULL;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d);
    BN_bn2binpad(d, priv->priv, 32); priv->privLen = 32;
    BN_clear_free(d);
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub->point, sizeof pub->point, &pub->pointLen);
    EVP_PKEY_free(key);
    pub->cls = CKO_PUBLIC_KEY; priv->cls = CKO_PRIVATE_KEY;
    copyAttr(pubT, pubN, CKA_ID, pub->id, &pub->idLen, sizeof pub->id);
    copyAttr(pubT, pubN, CKA_LABEL, pub->label, &pub->labelLen, sizeof pub->label);
    copyAttr(privT, privN, CKA_ID, priv->id, &priv->idLen, sizeof priv->id);
    copyAttr(privT, privN, CKA_LABEL, priv->label, &priv->labelLen, sizeof priv->label);
    save();
    *pubH = pub->handle; *privH = priv->handle;
    return CKR_OK;
}

CK_RV C_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM *m, CK_OBJECT_HANDLE kh) {
    SESSION(h);
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    if (s->signing) return CKR_OPERATION_ACTIVE;
    if (m->mechanism != CKM_VENDOR_SM2_RAW && m->mechanism != CKM_VENDOR_SM2_SM3) return CKR_MECHANISM_INVALID;
    Obj *o = objByHandle(kh);
    if (!o || !visible(o)) return CKR_KEY_HANDLE_INVALID;
    if (o->cls != CKO_PRIVATE_KEY) return CKR_KEY_TYPE_INCONSISTENT;
    s->signMech = m->mechanism; s->signKey = kh;
    if (m->mechanism == CKM_VENDOR_SM2_SM3 && m->pParameter && m->ulParameterLen > 0) {
        if (m->ulParameterLen > sizeof s->signId) return CKR_MECHANISM_PARAM_INVALID;
        memcpy(s->signId, m->pParameter, m->ulParameterLen); s->signIdLen = m->ulParameterLen;
    } else {
        memcpy(s->signId, DEFAULT_ID, 16); s->signIdLen = 16;
    }
    s->signing = 1;
    return CKR_OK;
}

CK_RV C_Sign(CK_SESSION_HANDLE h, unsigned char *data, CK_ULONG len, unsigned char *sig, CK_ULONG *sigLen) {
    SESSION(h);
    if (!s->signing) return CKR_OPERATION_NOT_INITIALIZED;
    if (!sig) { *sigLen = 64; return CKR_OK; }
    if (*sigLen < 64) { *sigLen = 64; return CKR_BUFFER_TOO_SMALL; }
    s->signing = 0;
    Obj *o = objByHandle(s->signKey);
    if (!o) return CKR_KEY_HANDLE_INVALID;
    if (s->signMech == CKM_VENDOR_SM2_RAW && len != 32) return CKR_DATA_LEN_RANGE;
    EVP_PKEY *key = sm2Key(o);
    if (!key) return CKR_DEVICE_ERROR;
    unsigned char der[128]; size_t derLen = sizeof der;
    int ok;
    if (s->signMech == CKM_VENDOR_SM2_RAW) {
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(key, NULL);
        ok = EVP_PKEY_sign_init(c) > 0 && EVP_PKEY_sign(c, der, &derLen, data, len) > 0;
        EVP_PKEY_CTX_free(c);
    } else {
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(key, NULL);
        EVP_PKEY_CTX_set1_id(c, s->signId, s->signIdLen);
        EVP_MD_CTX_set_pkey_ctx(md, c);
        ok = EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, key) > 0 && EVP_DigestSign(md, der, &derLen, data, len) > 0;
        EVP_MD_CTX_free(md);
        EVP_PKEY_CTX_free(c);
    }
    EVP_PKEY_free(key);
    if (!ok) return CKR_FUNCTION_FAILED;
    /* The token answers raw r || s, as GM tokens do. */
    const unsigned char *p = der;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long) derLen);
    if (!es) return CKR_FUNCTION_FAILED;
    BN_bn2binpad(ECDSA_SIG_get0_r(es), sig, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), sig + 32, 32);
    ECDSA_SIG_free(es);
    *sigLen = 64;
    return CKR_OK;
}

CK_RV C_DigestInit(CK_SESSION_HANDLE h, CK_MECHANISM *m) {
    SESSION(h);
    if (m->mechanism != CKM_VENDOR_SM3) return CKR_MECHANISM_INVALID;
    s->digesting = 1;
    return CKR_OK;
}

CK_RV C_Digest(CK_SESSION_HANDLE h, unsigned char *data, CK_ULONG len, unsigned char *out, CK_ULONG *outLen) {
    SESSION(h);
    if (!s->digesting) return CKR_OPERATION_NOT_INITIALIZED;
    if (!out) { *outLen = 32; return CKR_OK; }
    if (*outLen < 32) { *outLen = 32; return CKR_BUFFER_TOO_SMALL; }
    s->digesting = 0;
    unsigned int n = 32;
    if (!EVP_Digest(data, len, out, &n, EVP_sm3(), NULL)) return CKR_FUNCTION_FAILED;
    *outLen = n;
    return CKR_OK;
}

static CK_FUNCTION_LIST functions;

CK_RV C_GetFunctionList(CK_FUNCTION_LIST **list) {
    /* Every entry the adapter never calls answers CKR_FUNCTION_NOT_SUPPORTED. */
    void (**slot)(void) = (void (**)(void)) &functions.C_Initialize;
    size_t n = (sizeof functions - offsetof(CK_FUNCTION_LIST, C_Initialize)) / sizeof *slot;
    for (size_t i = 0; i < n; i++) slot[i] = (void (*)(void)) notSupported;
    functions.version.major = 2; functions.version.minor = 40;
    functions.C_Initialize = C_Initialize;
    functions.C_Finalize = C_Finalize;
    functions.C_GetInfo = C_GetInfo;
    functions.C_GetFunctionList = C_GetFunctionList;
    functions.C_GetSlotList = C_GetSlotList;
    functions.C_GetSlotInfo = C_GetSlotInfo;
    functions.C_GetTokenInfo = C_GetTokenInfo;
    functions.C_GetMechanismList = C_GetMechanismList;
    functions.C_GetMechanismInfo = C_GetMechanismInfo;
    functions.C_OpenSession = C_OpenSession;
    functions.C_CloseSession = C_CloseSession;
    functions.C_CloseAllSessions = C_CloseAllSessions;
    functions.C_GetSessionInfo = C_GetSessionInfo;
    functions.C_Login = C_Login;
    functions.C_Logout = C_Logout;
    functions.C_CreateObject = C_CreateObject;
    functions.C_DestroyObject = C_DestroyObject;
    functions.C_GetAttributeValue = C_GetAttributeValue;
    functions.C_FindObjectsInit = C_FindObjectsInit;
    functions.C_FindObjects = C_FindObjects;
    functions.C_FindObjectsFinal = C_FindObjectsFinal;
    functions.C_GenerateKeyPair = C_GenerateKeyPair;
    functions.C_SignInit = C_SignInit;
    functions.C_Sign = C_Sign;
    functions.C_DigestInit = C_DigestInit;
    functions.C_Digest = C_Digest;
    *list = &functions;
    return CKR_OK;
}
