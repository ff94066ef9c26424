package io.agent7.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.Expr;
import org.junit.jupiter.api.Test;

class FilterDslQuoteTest {

    @Test
    void aQuotedValueParsesBackToItselfWhateverItHolds() {
        for (String value : new String[] {"plain", "a;b|c)d", "C:\\Temp\\x.exe", "say \"hi\"", "end\\"}) {
            Expr parsed = FilterDsl.parse("process.name,eq," + FilterDsl.quote(value) + ";pid,eq,1");
            Expr.And and = (Expr.And) parsed;
            assertThat(((Expr.Comparison) and.children().get(0)).values()).containsExactly(value);
        }
    }
}
