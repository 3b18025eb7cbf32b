package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_VENDOR_SM2;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_VENDOR_SM2_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_VENDOR_SM2_SM3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.xipki.pkcs11.wrapper.ModuleInfo;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.SlotInfo;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.ModuleListing;
import bank.ushield.token.TokenInfo;
import bank.ushield.token.TokenModuleException;

/**
 * Lists what a PKCS#11 module library shows (its description, every slot, the token in each) so a settings screen
 * can check a module path and let the administrator pick the token. Loads the module like {@link Pkcs11TokenPort}
 * (once per JVM, on its own thread); slow: call off the UI thread.
 */
public final class Pkcs11Directory {

    private Pkcs11Directory() {
    }

    /**
     * The module's slots and tokens now.
     *
     * @throws TokenModuleException when the path is no file, not a PKCS#11 module, or the module does not start
     */
    public static ModuleListing list(Path library) {
        return list(library, VendorProfiles.shipped());
    }

    /** The module's slots and tokens now, with what each token can do given these vendor profiles. */
    public static ModuleListing list(Path library, VendorProfiles profiles) {
        Pkcs11Runtime rt = Pkcs11Runtime.of(library);
        return rt.call("List the module's slots", () -> {
            rt.rescanIfIdle();
            ModuleInfo info = rt.module().getInfo();
            List<ModuleListing.Slot> slots = new ArrayList<>();
            for (Slot slot : rt.module().getSlotList(false)) {
                SlotInfo si = slot.getSlotInfo();
                boolean present = si.isTokenPresent();
                Optional<TokenInfo> token = present ? Pkcs11TokenPort.initialised(rt, slot) : Optional.empty();
                Set<KeyAlgorithm> algorithms = token.map(t -> algorithms(rt.mechanisms(slot, t.serial()),
                        profiles.forToken(t))).orElse(Set.of());
                slots.add(new ModuleListing.Slot(si.getSlotDescription().strip(), present, token, algorithms));
            }
            return new ModuleListing(library, info.getManufacturerID().strip(), info.getLibraryDescription().strip(),
                    String.valueOf(info.getLibraryVersion()), slots);
        });
    }

    /**
     * RSA-2048 and EC P-256 by their standard key generation mechanisms (RSA only if the token makes 2048-bit keys: an
     * old one may stop at 1024); SM2 by the profile's codes.
     */
    static Set<KeyAlgorithm> algorithms(Pkcs11Runtime.Mechanisms token, Optional<VendorProfile> profile) {
        Set<Long> mechanisms = token.codes();
        Set<KeyAlgorithm> out = EnumSet.noneOf(KeyAlgorithm.class);
        if (mechanisms.contains(CKM_RSA_PKCS_KEY_PAIR_GEN) && token.rsaMaxKeyBits() >= 2048) {
            out.add(KeyAlgorithm.RSA_2048);
        }
        if (mechanisms.contains(CKM_EC_KEY_PAIR_GEN)) {
            out.add(KeyAlgorithm.EC_P256);
        }
        // The wrapper may report a vendor's codes as its own generic ones (see VendorProfile.same).
        profile.filter(p -> (mechanisms.contains(p.sm2KeyPairGen()) || mechanisms.contains(CKM_VENDOR_SM2_KEY_PAIR_GEN))
                && (mechanisms.contains(p.signMechanism())
                        || mechanisms.contains(p.zOnToken() ? CKM_VENDOR_SM2_SM3 : CKM_VENDOR_SM2)))
                .ifPresent(p -> out.add(KeyAlgorithm.SM2));
        return out;
    }
}
