package bank.ushield.teller.shell;

/** Makes the home screen of one role; the composition root gives the shell one per role with its services. */
@FunctionalInterface
public interface HomeScreenFactory {

    HomeScreen create(ShellContext context);
}
