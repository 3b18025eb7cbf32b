package bank.ushield.token.pkcs11;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.xipki.pkcs11.wrapper.ModuleInfo;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.SlotInfo;

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
        Pkcs11Runtime rt = Pkcs11Runtime.of(library);
        return rt.call("List the module's slots", () -> {
            rt.rescanIfIdle();
            ModuleInfo info = rt.module().getInfo();
            List<ModuleListing.Slot> slots = new ArrayList<>();
            for (Slot slot : rt.module().getSlotList(false)) {
                SlotInfo si = slot.getSlotInfo();
                boolean present = si.isTokenPresent();
                Optional<TokenInfo> token = present ? Pkcs11TokenPort.initialised(slot) : Optional.empty();
                slots.add(new ModuleListing.Slot(si.getSlotDescription().strip(), present, token));
            }
            return new ModuleListing(library, info.getManufacturerID().strip(), info.getLibraryDescription().strip(),
                    String.valueOf(info.getLibraryVersion()), slots);
        });
    }
}
