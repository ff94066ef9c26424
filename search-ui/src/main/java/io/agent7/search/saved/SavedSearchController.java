package io.agent7.search.saved;

import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.search.console.ConsoleQuery;
import io.agent7.search.security.Actors;
import io.agent7.server.web.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Saved searches, analysts and up: {@code /saved} (the list, and the search page's save
 * form) and {@code /api/v1/saved-searches}. A search is private to its owner unless shared;
 * only its owner (or an admin) deletes it. One marked for the dashboard is a tile there for
 * everyone who may see it. A question that does not parse is refused, so every saved search
 * opens.
 */
@Controller
class SavedSearchController {

    static final int MAX_NAME = 200;
    static final int MAX_QUERY = 8192;

    private final SavedSearches searches;
    private final Schema schema;

    SavedSearchController(SavedSearches searches, Schema schema) {
        this.searches = searches;
        this.schema = schema;
    }

    /** {@code {"name", "type", "query", "syntax" (dsl|lucene, or left out to detect), "shared", "dashboard"}}. */
    record NewSearch(String name, String type, String query, String syntax, Boolean shared, Boolean dashboard) {}

    @GetMapping("/saved")
    String list(Authentication user, Model model) {
        model.addAttribute(
                "searches",
                searches.visibleTo(user.getName()).stream()
                        .map(s -> Map.of("search", s, "url", s.url()))
                        .toList());
        return "saved";
    }

    @PostMapping("/saved")
    String saveFromPage(
            @RequestParam String name,
            @RequestParam String type,
            @RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(required = false) String syntax,
            @RequestParam(defaultValue = "false") boolean shared,
            @RequestParam(defaultValue = "false") boolean dashboard,
            Authentication user) {
        save(new NewSearch(name, type, query, syntax, shared, dashboard), user);
        return "redirect:/saved";
    }

    @PostMapping("/saved/{id}/delete")
    String deleteFromPage(@PathVariable String id, Authentication user) {
        delete(id, user);
        return "redirect:/saved";
    }

    @GetMapping("/api/v1/saved-searches")
    @ResponseBody
    Map<String, Object> listApi(Authentication user) {
        return Map.of(
                "saved_searches",
                searches.visibleTo(user.getName()).stream()
                        .map(SavedSearchController::json)
                        .toList());
    }

    @PostMapping("/api/v1/saved-searches")
    @ResponseBody
    ResponseEntity<Map<String, Object>> saveApi(@RequestBody NewSearch body, Authentication user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(json(save(body, user)));
    }

    @DeleteMapping("/api/v1/saved-searches/{id}")
    @ResponseBody
    Map<String, Object> deleteApi(@PathVariable String id, Authentication user) {
        delete(id, user);
        return Map.of("id", id, "deleted", true);
    }

    private SavedSearch save(NewSearch body, Authentication user) {
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "name is required, at most " + MAX_NAME + " characters");
        }
        if (body.type() == null || body.type().isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "type is required: a data type's name or alias");
        }
        String type;
        try {
            type = schema.require(body.type()).name();
        } catch (UnknownTypeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "type: " + e.getMessage());
        }
        String text = body.query() == null ? "" : body.query();
        if (text.length() > MAX_QUERY) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "query is longer than " + MAX_QUERY + " characters");
        }
        String syntax = body.syntax() == null ? "" : body.syntax().strip();
        if (!syntax.isEmpty() && !syntax.equals(ConsoleQuery.DSL) && !syntax.equals(ConsoleQuery.LUCENE)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "syntax must be dsl or lucene, got '" + syntax + "'");
        }
        ConsoleQuery parsed = ConsoleQuery.parse(text, syntax);
        if (parsed.error() != null) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "query does not parse as " + parsed.syntaxName() + ": "
                            + parsed.error().getMessage());
        }
        return searches.save(
                name,
                user.getName(),
                Boolean.TRUE.equals(body.shared()),
                type,
                text,
                parsed.syntax(),
                Boolean.TRUE.equals(body.dashboard()));
    }

    private void delete(String id, Authentication user) {
        SavedSearch saved = searches.find(id)
                .filter(s -> s.visibleTo(user.getName()))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No saved search '" + id + "'"));
        if (!saved.owner().equalsIgnoreCase(user.getName())
                && !Actors.roles(user).contains("admin")) {
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN,
                    "Only its owner, " + saved.owner() + ", or an admin deletes '" + saved.name() + "'");
        }
        searches.delete(id);
    }

    private static Map<String, Object> json(SavedSearch s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("owner", s.owner());
        out.put("shared", s.shared());
        out.put("type", s.type());
        out.put("query", s.query());
        out.put("syntax", s.syntax());
        out.put("dashboard", s.dashboard());
        out.put("created_at", s.createdAt().toString());
        out.put("url", s.url());
        return out;
    }
}
