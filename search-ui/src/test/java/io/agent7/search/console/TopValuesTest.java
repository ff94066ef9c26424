package io.agent7.search.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.search.api.SearchBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopValuesTest {

    static SearchBackend.Hit hit(Map<String, Object> source) {
        return new SearchBackend.Hit("id", source);
    }

    @Test
    void countsEachDocumentOnceForEachOfItsValuesMostFrequentFirstThenByValue() {
        SearchBackend.Page page = new SearchBackend.Page(
                new SearchBackend.Total(5, true),
                0,
                List.of(
                        hit(Map.of("host", Map.of("name", "b"))),
                        hit(Map.of("host", Map.of("name", "a"))),
                        hit(Map.of("host", Map.of("name", "b"))),
                        hit(Map.of("host", Map.of("name", List.of("c", "c", "a")))),
                        hit(Map.of("user", Map.of("name", "x")))),
                null);

        SearchBackend.Groups top = ConsoleController.topValues(page, "host.name");

        assertThat(top.groups())
                .extracting(g -> g.key().get("host.name") + "=" + g.count())
                .containsExactly("a=2", "b=2", "c=1");
        assertThat(top.total()).isEqualTo(page.total());
    }

    @Test
    void keepsTheMostFrequentOnly() {
        List<SearchBackend.Hit> hits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hits.add(hit(Map.of("n", "v" + (i % 10))));
        }
        hits.add(hit(Map.of("n", "v9")));
        SearchBackend.Groups top = ConsoleController.topValues(
                new SearchBackend.Page(new SearchBackend.Total(21, true), 0, hits, null), "n");
        assertThat(top.groups()).hasSize(ConsoleController.FACET_VALUES);
        assertThat(top.groups().get(0).key()).isEqualTo(Map.of("n", "v9"));
        assertThat(top.groups().get(0).count()).isEqualTo(3);
    }
}
