package io.agent7.search.console;

import io.agent7.query.Expr;
import io.agent7.schema.DataType;
import io.agent7.schema.Relation;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a result row of a joined question reaches the related items that made it match: for
 * each related type of the question's join, the field that holds the key on each side (the
 * key field the ingest API writes, or the one field pair a relation joins on).
 */
final class Related {

    /** One related type of the join: where the row's key is, and where the related items hold it. */
    record Side(DataType type, String primaryField, String relatedField) {}

    private Related() {}

    /** The question's first join that asks for related items (not {@code !models=}), if it has one. */
    static Optional<Expr.Join> join(Expr expr) {
        if (expr instanceof Expr.Join join) {
            return join.negated() ? Optional.empty() : Optional.of(join);
        }
        if (expr instanceof Expr.And and) {
            for (Expr child : and.children()) {
                Optional<Expr.Join> found = join(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The sides of {@code join} from {@code primary}; a type the schema relates in no way is left out. */
    static List<Side> sides(Schema schema, DataType primary, Expr.Join join) {
        List<Side> sides = new ArrayList<>();
        for (String name : join.types()) {
            Optional<DataType> related = schema.find(name);
            if (related.isEmpty()) {
                continue;
            }
            List<Relation> relations = schema.relationsBetween(primary, related.get());
            // Several relations between two types match through any of them, as the planner joins.
            for (Relation relation : relations) {
                if (relation.keyField().isPresent()) {
                    sides.add(new Side(
                            related.get(),
                            relation.keyField().get(),
                            relation.keyField().get()));
                } else if (relation.on().size() == 1) {
                    Relation.On on = relation.on().get(0);
                    sides.add(new Side(related.get(), on.leftField(), on.rightField()));
                }
            }
        }
        return sides;
    }

    /** The row's key for one side, as stored; null when the row has none. */
    static String key(Map<String, Object> row, Side side) {
        Object value = Cells.value(row, side.primaryField());
        if (value instanceof List<?> many) {
            return many.isEmpty() ? null : String.valueOf(many.get(0));
        }
        return value == null ? null : String.valueOf(value);
    }
}
