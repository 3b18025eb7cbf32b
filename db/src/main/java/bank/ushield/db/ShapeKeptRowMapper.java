package bank.ushield.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A record's row mapper specialized once per result-set shape instead of at every query (ADR 0101). Jdbi specializes a
 * {@code ConstructorMapper} for each result set (reflection, every parameter matched against every column): about
 * 55 us a query here, several times the statement's own work. The specialization depends only on the column labels
 * in their order (read at each query: SQLite and PostgreSQL may order a table's columns differently) and on the Jdbi
 * configuration, which is the same for every database ({@code Database.configure}).
 */
final class ShapeKeptRowMapper<T> implements RowMapper<T> {

    /** Above the column lists one mapper serves (its queries on both engines); cleared beyond it. */
    private static final int MAX_KEPT = 64;

    private final RowMapper<T> mapper;
    private final Map<List<String>, RowMapper<T>> kept = new ConcurrentHashMap<>();

    private ShapeKeptRowMapper(RowMapper<T> mapper) {
        this.mapper = mapper;
    }

    /** {@code ConstructorMapper.of(type)}, specialized once per result-set shape. */
    static <T> ShapeKeptRowMapper<T> of(Class<T> type) {
        return new ShapeKeptRowMapper<>(ConstructorMapper.of(type));
    }

    /** {@code ConstructorMapper.of(type, prefix)}, specialized once per result-set shape. */
    static <T> ShapeKeptRowMapper<T> of(Class<T> type, String prefix) {
        return new ShapeKeptRowMapper<>(ConstructorMapper.of(type, prefix));
    }

    @Override
    public T map(ResultSet rs, StatementContext ctx) throws SQLException {
        return mapper.map(rs, ctx);
    }

    @Override
    public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx, labels(rs));
    }

    /** The same, with the labels already read: a caller mapping one result set with several mappers reads them once. */
    RowMapper<T> specialize(ResultSet rs, StatementContext ctx, List<String> labels) throws SQLException {
        RowMapper<T> specialized = kept.get(labels);
        if (specialized == null) {
            specialized = mapper.specialize(rs, ctx);
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(labels, specialized); // a fresh list per query, never changed after
        }
        return specialized;
    }

    /** The result set's column labels in order. */
    static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> labels = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return labels;
    }
}
