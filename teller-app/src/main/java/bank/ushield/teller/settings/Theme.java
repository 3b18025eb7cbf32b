package bank.ushield.teller.settings;

/** Light or dark FlatLaf theme. */
public enum Theme {
    LIGHT, DARK
}
