package io.agent7.query.lucene;

import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHANEQ;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHANEQ;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.queryparser.flexible.core.nodes.BooleanQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.GroupQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.ModifierQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.OrQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QuotedFieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.util.UnescapedCharSequence;
import org.apache.lucene.queryparser.flexible.standard.nodes.TermRangeQueryNode;

/**
 * Lucene's syntax tree as an {@link Expr}. Lucene gives the positions of terms; the
 * {@link Tokens} give those of field names, operators and parentheses, and the field
 * written before a group, which Lucene hands down to the group's terms and otherwise drops
 * (so a join's types are read from the tokens).
 */
final class ExprBuilder {

    private final Tokens tokens;
    private final Leaves leaves;
    private final Map<QueryNode, Tokens.Parens> groups = new IdentityHashMap<>();

    ExprBuilder(Tokens tokens, QueryNode root) {
        this.tokens = tokens;
        this.leaves = new Leaves(tokens);
        List<GroupQueryNode> found = new ArrayList<>();
        collectGroups(root, found);
        List<Tokens.Parens> parens = tokens.parens();
        if (found.size() != parens.size()) {
            throw new IllegalStateException(
                    "Lucene's tree has " + found.size() + " groups where the query has " + parens.size() + " (...)");
        }
        for (int i = 0; i < found.size(); i++) {
            groups.put(found.get(i), parens.get(i));
        }
    }

    /** Groups in the order a depth-first walk meets them, which is the order they open in the text. */
    private static void collectGroups(QueryNode node, List<GroupQueryNode> found) {
        if (node instanceof GroupQueryNode group) {
            found.add(group);
        }
        List<QueryNode> children = node.getChildren();
        if (children != null) {
            children.forEach(c -> collectGroups(c, found));
        }
    }

    /**
     * @param scope the field written before the innermost group around the node, or null
     */
    Expr build(QueryNode node, Lexeme scope) {
        if (node instanceof GroupQueryNode group) {
            return group(group, scope);
        }
        if (node instanceof ModifierQueryNode modifier) {
            return modifier(modifier, scope);
        }
        if (node instanceof BooleanQueryNode) { // AndQueryNode and OrQueryNode too
            List<Expr> children =
                    node.getChildren().stream().map(c -> build(c, scope)).toList();
            Span span = children.stream().map(Expr::span).reduce(Span.NONE, Span::union);
            if (node instanceof OrQueryNode) {
                return new Expr.Or(children, span);
            }
            // Clauses side by side (a plain BooleanQueryNode) are ANDed, as AndQueryNode's are.
            // Lucene wraps a query that is a lone NOT clause in one: that is the clause itself.
            return children.size() == 1 ? children.get(0) : new Expr.And(children, span);
        }
        if (node instanceof TermRangeQueryNode range) {
            return leaves.range(range, scope);
        }
        if (node instanceof QuotedFieldQueryNode phrase) {
            return leaves.term(phrase, scope, true);
        }
        if (node.getClass() == FieldQueryNode.class) {
            return leaves.term((FieldQueryNode) node, scope, false);
        }
        // Every other node is a construct Unsupported refuses before parsing.
        throw LuceneSyntax.error(Span.NONE, "Lucene's " + node.getClass().getSimpleName() + " is not supported", null);
    }

    private Expr group(GroupQueryNode node, Lexeme scope) {
        Tokens.Parens parens = groups.get(node);
        Lexeme field = parens.field();
        if (field != null && Joins.isJoin(field)) {
            Expr filter = respan(build(node.getChild(), field), parens.inside());
            return new Expr.Join(Joins.types(field), false, filter, parens.span());
        }
        return respan(build(node.getChild(), field != null ? field : scope), parens.span());
    }

    private Expr modifier(ModifierQueryNode node, Lexeme scope) {
        Expr child = build(node.getChild(), scope);
        if (node.getModifier() != ModifierQueryNode.Modifier.MOD_NOT) {
            return child; // '+' asks for what AND already asks for
        }
        Lexeme not = tokens.before(child.span().start());
        Span span = not == null ? child.span() : not.span().union(child.span());
        if (child instanceof Expr.Join join) {
            return new Expr.Join(join.types(), !join.negated(), join.filter(), span);
        }
        return new Expr.Not(child, span);
    }

    /** An And or Or that a group made: it covers the group, parentheses and field included. */
    private static Expr respan(Expr e, Span span) {
        if (e instanceof Expr.And and) {
            return new Expr.And(and.children(), span);
        }
        if (e instanceof Expr.Or or) {
            return new Expr.Or(or.children(), span);
        }
        return e;
    }

    /** Whether Lucene's unescaped text has an unescaped {@code *} or {@code ?}. */
    static boolean hasWildcard(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isWildcard(text, i)) {
                return true;
            }
        }
        return false;
    }

    static boolean isWildcard(CharSequence text, int i) {
        char c = text.charAt(i);
        return (c == '*' || c == '?') && !UnescapedCharSequence.wasEscaped(text, i);
    }

    /** The text as a pattern: unescaped {@code *} and {@code ?} are wildcards, and a literal {@code *}, {@code ?} or {@code \} gets a backslash. */
    static String pattern(CharSequence text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isWildcard(text, i) && (c == '*' || c == '?' || c == '\\')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static boolean isRangeOperator(Lexeme t) {
        return t.is(OP_LESSTHAN, OP_LESSTHANEQ, OP_MORETHAN, OP_MORETHANEQ);
    }

    static Operator operator(boolean lower, boolean inclusive) {
        if (lower) {
            return inclusive ? Operator.GE : Operator.GT;
        }
        return inclusive ? Operator.LE : Operator.LT;
    }
}
