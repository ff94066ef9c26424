package io.agent7.search.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleQueryTest {

    @Test
    void theDslWhenItParsesAsTheDsl() {
        ConsoleQuery q = ConsoleQuery.parse("is_priv,eq,1;models=tasks;image,notlike,C:\\Program Files\\*", null);
        assertThat(q.syntax()).isEqualTo(ConsoleQuery.DSL);
        assertThat(q.error()).isNull();
    }

    @Test
    void luceneWhenOnlyLuceneTakesIt() {
        ConsoleQuery q = ConsoleQuery.parse("process.name:sshd AND user.name:root", null);
        assertThat(q.syntax()).isEqualTo(ConsoleQuery.LUCENE);
        assertThat(q.error()).isNull();
    }

    @Test
    void aBrokenQuestionReportsTheErrorOfTheSyntaxItLooksLike() {
        ConsoleQuery dslShaped = ConsoleQuery.parse("process.name,eq", null);
        assertThat(dslShaped.syntax()).isEqualTo(ConsoleQuery.DSL);
        assertThat(dslShaped.error()).isNotNull();

        ConsoleQuery luceneShaped = ConsoleQuery.parse("process.name:(sshd OR", null);
        assertThat(luceneShaped.syntax()).isEqualTo(ConsoleQuery.LUCENE);
        assertThat(luceneShaped.error()).isNotNull();
        assertThat(luceneShaped.error().span().known()).isTrue();
    }

    @Test
    void theSyntaxAskedForIsTheOneUsed() {
        assertThat(ConsoleQuery.parse("process.name:sshd", "dsl").error()).isNotNull();
        assertThat(ConsoleQuery.parse("process.name:sshd", "lucene").error()).isNull();
        assertThat(ConsoleQuery.parse("", null).error()).isNull();
    }
}
