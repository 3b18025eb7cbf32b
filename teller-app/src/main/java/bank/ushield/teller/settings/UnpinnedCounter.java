package bank.ushield.teller.settings;

/**
 * Another counter of the branch database whose newest signed audit head is signed by a key not pinned at this
 * workstation (ADR 0098): IT's reminder, e.g. after that counter's key rotation.
 *
 * @param workstation the counter's id
 * @param name        the name the branch gave it (or its id)
 * @param anyPinned   some of its certificates are pinned here (then its key changed: add the new one), or none
 * @param folder      where IT copies its certificate at this workstation
 */
public record UnpinnedCounter(String workstation, String name, boolean anyPinned, java.nio.file.Path folder) {
}
