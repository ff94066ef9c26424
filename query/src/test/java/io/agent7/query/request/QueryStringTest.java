package io.agent7.query.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    /** The original API's seed question, as a client sends it (spaces encoded, the rest as typed). */
    static final String SEED = "as_json=True;filter=last_logon,gt,2%20months%20ago;is_priv,eq,1;active,eq,true;"
            + "models=tasks,schtasks;cmd_line,notlike,C:\\Program%20Files\\*";

    @Test
    void theOriginalShapeSeparatesParametersAndClausesWithSemicolons() {
        Map<String, String> p = QueryString.parse(SEED);

        assertThat(p)
                .containsExactly(
                        Map.entry("as_json", "True"),
                        Map.entry(
                                "filter",
                                "last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true;"
                                        + "models=tasks,schtasks;cmd_line,notlike,C:\\Program Files\\*"));
    }

    @Test
    void theAmpersandShapeAndTheOriginalMix() {
        Map<String, String> p =
                QueryString.parse("filter=process.pid,gt,4;process.name,eq,x&limit=5;orderby=-@timestamp");

        assertThat(p)
                .containsExactly(
                        Map.entry("filter", "process.pid,gt,4;process.name,eq,x"),
                        Map.entry("limit", "5"),
                        Map.entry("orderby", "-@timestamp"));
    }

    @Test
    void modelsGivenAsItsOwnParameterJoinsTheFilterInOrder() {
        Map<String, String> p =
                QueryString.parse("filter=is_priv,eq,1&models=schtasks&filter=image,like,C:%5CTemp%5C*");

        assertThat(p.get("filter")).isEqualTo("is_priv,eq,1;models=schtasks;image,like,C:\\Temp\\*");
    }

    @Test
    void aNegatedModelsStaysInTheFilter() {
        assertThat(QueryString.parse("filter=active,eq,1;!models=tasks").get("filter"))
                .isEqualTo("active,eq,1;!models=tasks");
    }

    @Test
    void escapedAndQuotedSemicolonsStayInTheirValue() {
        assertThat(QueryString.parse("filter=cmd_line,eq,a\\;limit=5").get("filter"))
                .isEqualTo("cmd_line,eq,a\\;limit=5");
        assertThat(QueryString.parse("filter=cmd_line,eq,\"a;limit=5\";pid,eq,1")
                        .get("filter"))
                .isEqualTo("cmd_line,eq,\"a;limit=5\";pid,eq,1");
        assertThat(QueryString.parse("filter=cmd_line,eq,a\"b;limit=5"))
                .as("a quote inside a raw value opens nothing")
                .containsEntry("filter", "cmd_line,eq,a\"b")
                .containsEntry("limit", "5");
    }

    @Test
    void aClauseValueMayHoldAnEqualsSign() {
        assertThat(QueryString.parse("filter=cmd_line,like,*--opt=1*;pid,eq,2").get("filter"))
                .isEqualTo("cmd_line,like,*--opt=1*;pid,eq,2");
    }

    @Test
    void plusIsASpaceAsInAnyFormEncodedQuery() {
        assertThat(QueryString.parse("filter=last_logon,gt,2+months+ago").get("filter"))
                .isEqualTo("last_logon,gt,2 months ago");
    }

    @Test
    void mistakesAreNamed() {
        assertThat(QueryString.parse("limt=5&filter=a,eq,1"))
                .as("an unknown name is kept, for the API to refuse by name")
                .containsEntry("limt", "5");
        assertThatThrownBy(() -> QueryString.parse("limit=5&limit=6")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> QueryString.parse("filter=a%ZZ")).hasMessageContaining("percent-escape");
        assertThatThrownBy(() -> QueryString.parse("!limit=5")).hasMessageContaining("negates models= only");
    }

    @Test
    void nothingIsNoParameters() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
    }
}
