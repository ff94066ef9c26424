package io.agent7.query.bind;

import io.agent7.query.Span;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.Relation;
import java.util.List;

/**
 * The syntax tree bound to one data type: every field resolved (aliases followed) and every
 * value typed by its field, so compiling it cannot fail on the user's input. Values are plain
 * Java: {@link String} (keywords, ips, CIDR ranges, dates in the index's format), {@link Long},
 * {@link Double}, {@link Boolean}.
 */
public sealed interface Bound {

    record And(List<Bound> children) implements Bound {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<Bound> children) implements Bound {
        public Or {
            children = List.copyOf(children);
        }
    }

    record Not(Bound child) implements Bound {}

    /** Matches every document. */
    record All() implements Bound {}

    /** Matches no document. */
    record None() implements Bound {}

    /**
     * A resolved field.
     *
     * @param path       the stored field's full name (an alias resolved to its target)
     * @param field      its schema definition
     * @param nestedPath the nested object it lies in, or null
     */
    record FieldRef(String path, Field field, String nestedPath) {}

    /** The field holds one of {@code values} (ip values may be CIDR ranges); {@code fold} ignores case. */
    record Equals(FieldRef field, List<Object> values, boolean fold, Span span) implements Bound {
        public Equals {
            values = List.copyOf(values);
        }
    }

    /** A phrase match on a field searched as words. */
    record Phrase(FieldRef field, String text, Span span) implements Bound {}

    /**
     * A wildcard match: {@code *} and {@code ?} are wildcards, and a backslash escapes the
     * next character (Elasticsearch's {@code wildcard} syntax).
     */
    record Pattern(FieldRef field, String pattern, boolean fold, Span span) implements Bound {}

    /** A range; a null bound is open. */
    record Range(FieldRef field, Object lower, boolean includeLower, Object upper, boolean includeUpper, Span span)
            implements Bound {}

    record Exists(FieldRef field, Span span) implements Bound {}

    /**
     * A join still to be planned: documents of the primary type with (or, {@code negated},
     * without) a related document matching one of the targets' filters.
     */
    record Join(List<Target> targets, boolean negated, Span span) implements Bound {
        public Join {
            targets = List.copyOf(targets);
        }
    }

    /**
     * One related type of a join.
     *
     * @param relation oriented from the primary type to {@code type}
     */
    record Target(DataType type, Relation relation, Bound filter) {}

    /**
     * What the planner turns a join into: the document's value of {@code field} is one of
     * {@code keys}. Never produced from user input directly.
     */
    record KeysIn(String field, List<Object> keys) implements Bound {
        public KeysIn {
            keys = List.copyOf(keys);
        }
    }
}
