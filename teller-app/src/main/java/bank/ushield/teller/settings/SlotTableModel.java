package bank.ushield.teller.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.swing.table.AbstractTableModel;

import bank.ushield.renewal.readers.TokenListing;
import bank.ushield.teller.i18n.Texts;

/** The rows of the settings screen's slot list: one per reader, with the token in it when there is one. */
final class SlotTableModel extends AbstractTableModel {

    private static final Texts TEXT = Texts.of(SlotTableModel.class, "Settings");
    private static final String[] COLUMNS = {"reader", "present", "label", "serial", "model", "manufacturer",
            "algorithms"};
    private List<TokenListing.Slot> slots = new ArrayList<>();

    void show(List<TokenListing.Slot> newSlots) {
        slots = List.copyOf(newSlots);
        fireTableDataChanged();
    }

    /** The token of a row, when the reader holds an initialised one. */
    Optional<TokenListing.Token> token(int row) {
        return row < 0 || row >= slots.size() ? Optional.empty() : slots.get(row).token();
    }

    @Override
    public int getRowCount() {
        return slots.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return TEXT.get("Settings.slots." + COLUMNS[column]);
    }

    @Override
    public Object getValueAt(int row, int column) {
        TokenListing.Slot s = slots.get(row);
        Optional<TokenListing.Token> t = s.token();
        return switch (column) {
            case 0 -> s.reader();
            case 1 -> TEXT.get(!s.tokenPresent() ? "Settings.slots.none"
                    : t.isPresent() ? "Settings.slots.yes" : "Settings.slots.blank");
            case 2 -> t.map(TokenListing.Token::label).orElse("");
            case 3 -> t.map(TokenListing.Token::serial).orElse("");
            case 4 -> t.map(TokenListing.Token::model).orElse("");
            case 5 -> t.map(TokenListing.Token::manufacturer).orElse("");
            default -> t.map(TokenListing.Token::algorithmWords).orElse("");
        };
    }
}
