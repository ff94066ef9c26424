package io.agent7.search.saved;

import java.time.Instant;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A search an analyst saved: the type, the question as written and its syntax; private to
 * its owner unless shared; a tile of the dashboard when {@code dashboard} is set.
 */
public record SavedSearch(
        String id,
        String name,
        String owner,
        boolean shared,
        String type,
        String query,
        String syntax,
        boolean dashboard,
        Instant createdAt) {

    /** The search page's URL for it. */
    public String url() {
        return UriComponentsBuilder.fromPath("/")
                .queryParam("type", type)
                .queryParam("q", query)
                .queryParam("syntax", syntax)
                .build()
                .encode()
                .toUriString();
    }

    /** Whether {@code user} may see it: its owner, or anyone when it is shared. */
    public boolean visibleTo(String user) {
        return shared || owner.equalsIgnoreCase(user);
    }
}
