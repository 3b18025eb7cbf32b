package bank.ushield.teller.shell;

/**
 * Makes the home screen of one role. Found with {@link java.util.ServiceLoader}: a role's package adds its class
 * name to META-INF/services/bank.ushield.teller.shell.HomeScreenFactory and the shell picks it up.
 */
public interface HomeScreenFactory {

    Role role();

    HomeScreen create(ShellContext context);
}
