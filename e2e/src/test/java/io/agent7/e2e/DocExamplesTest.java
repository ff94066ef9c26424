package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.e2e.DocExamples.Example;
import io.agent7.e2e.DocExamples.Expectation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocExamplesTest {

    @Test
    void commandsOfShellBlocksWithTheirMarkers() {
        List<Example> examples = DocExamples.parse(
                "doc.md",
                List.of(
                        "```sh",
                        "# a comment",
                        "curl -G 'http://x/a' \\",
                        "  --data-urlencode 'filter=a b'",
                        "",
                        "java -jar agent.jar measure   # one round",
                        "```",
                        "<!-- example: fails with 404 (no such type) -->",
                        "",
                        "```bash",
                        "curl http://x/api/v1/nope",
                        "```",
                        "<!-- example: not run (installs a unit) -->",
                        "```console",
                        "$ java -jar agent.jar install",
                        "installed",
                        "```",
                        "```json",
                        "{\"curl\": 1}",
                        "```"));

        assertThat(examples)
                .containsExactly(
                        new Example(
                                "doc.md:3",
                                "curl -G 'http://x/a'    --data-urlencode 'filter=a b'",
                                Expectation.SUCCEEDS),
                        new Example("doc.md:6", "java -jar agent.jar measure   # one round", Expectation.SUCCEEDS),
                        new Example(
                                "doc.md:11", "curl http://x/api/v1/nope", new Expectation(true, 404, "no such type")),
                        new Example(
                                "doc.md:15",
                                "java -jar agent.jar install",
                                new Expectation(false, 0, "installs a unit")));
    }

    @Test
    void aBlockWithoutALanguageOrAMarkerWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> DocExamples.parse("doc.md", List.of("text", "```", "./agent7 up", "```")))
                .hasMessageStartingWith("doc.md:2: a fenced block without a language");
        assertThatThrownBy(() -> DocExamples.parse(
                        "doc.md", List.of("<!-- example: not run -->", "```sh", "./agent7 up", "```")))
                .hasMessageStartingWith("doc.md:1: '<!-- example: not run -->' is no example marker");
    }

    @Test
    void theRepositorysDocsParseAndHaveExamplesToRun() throws Exception {
        List<Example> examples = DocExamples.of(AgentScriptSecretsTest.repositoryRoot());

        assertThat(examples).filteredOn(e -> e.expected().run()).isNotEmpty();
        assertThat(examples)
                .as("every example not run says why")
                .allSatisfy(e -> assertThat(
                                e.expected().run() || !e.expected().reason().isBlank())
                        .isTrue());
    }
}
