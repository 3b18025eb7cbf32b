package bank.ushield.teller.pin;

import java.awt.Window;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.swing.SwingUtilities;

import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pin.PinRequest;

/**
 * The token module's PIN port, answered by the customer in the {@link PinDialog}. Called from background work:
 * waits on the EDT for the dialog and hands the PIN back to the worker thread.
 */
public final class SwingPinPrompter implements PinPrompter {

    private final Supplier<Window> owner;

    public SwingPinPrompter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public char[] promptPin(PinRequest request) {
        if (SwingUtilities.isEventDispatchThread()) {
            return PinDialog.ask(owner.get(), request);
        }
        AtomicReference<char[]> pin = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> pin.set(PinDialog.ask(owner.get(), request)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PinDialog.wipe(pin.get());
            return null;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("PIN dialog failed", e.getCause());
        }
        return pin.getAndSet(null);
    }
}
