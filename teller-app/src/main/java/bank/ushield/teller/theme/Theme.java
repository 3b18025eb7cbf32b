package bank.ushield.teller.theme;

/** Light or dark FlatLaf theme. */
public enum Theme {
    LIGHT, DARK
}
