package io.agent7.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import io.agent7.query.Expr;
import io.agent7.query.bind.Binder;
import io.agent7.query.bind.Bound;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.query.plan.Plan;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.function.Function;

/**
 * The query language's stages in a row for a caller that has a syntax tree and wants an
 * Elasticsearch query: bind against the schema, plan the joins (which runs their searches),
 * compile. Thread-safe; one per service.
 */
public final class ElasticsearchQueries {

    private final ElasticsearchClient client;
    private final Schema schema;
    private final Clock clock;
    private final int keyCap;
    private final Function<DataType, String> indexOf;
    private final QueryCompiler compiler = new QueryCompiler();

    public ElasticsearchQueries(ElasticsearchClient client, Schema schema, Clock clock, int keyCap) {
        this(client, schema, clock, keyCap, DataType::index);
    }

    /**
     * @param indexOf the index that holds a type's documents, when not {@link DataType#index()}
     */
    public ElasticsearchQueries(
            ElasticsearchClient client, Schema schema, Clock clock, int keyCap, Function<DataType, String> indexOf) {
        this.client = client;
        this.schema = schema;
        this.clock = clock;
        this.keyCap = keyCap;
        this.indexOf = indexOf;
    }

    /**
     * The query for documents of {@code type} matching {@code expr}.
     *
     * @param parameter the request parameter the expression came from, for errors
     * @throws io.agent7.query.QueryException what the user wrote does not fit the schema, or a
     *     join has too many keys on both sides
     */
    public Compiled compile(Expr expr, DataType type, String parameter) {
        return compile(expr, type, parameter, null);
    }

    /**
     * Like {@link #compile(Expr, DataType, String)}, with a condition every related document of
     * a join must also meet ({@code agent7.present,eq,true} for what is on the hosts now).
     */
    public Compiled compile(Expr expr, DataType type, String parameter, Expr related) {
        Binder binder = new Binder(schema, clock);
        Bound bound = (related == null ? binder : binder.relatedMustMatch(related)).bind(expr, type, parameter);
        Plan plan = new JoinPlanner(new ElasticsearchSearchPort(client, indexOf), keyCap, parameter).plan(type, bound);
        return new Compiled(compiler.compile(plan.filter()), plan);
    }

    /** The query as JSON, for {@code explain}. */
    public String json(Query query) {
        return JsonpUtils.toJsonString(query, client._jsonpMapper());
    }

    /** The compiled query and the plan that led to it (its steps, for {@code explain}). */
    public record Compiled(Query query, Plan plan) {}
}
