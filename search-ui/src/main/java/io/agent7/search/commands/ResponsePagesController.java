package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.search.security.Actors;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response pages, responders and admins only: a form to send a command to hosts or to a
 * query's hosts (which shows their count and asks for a confirmation first), a request's
 * commands host by host with approve and cancel, one command with its output as it comes,
 * and a host's history. They go through {@link CommandService}, as the API does.
 */
@Controller
class ResponsePagesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HISTORY = 50;
    /** Form fields that carry a built-in action's parameter, {@code param_<name>}. */
    private static final List<String> PARAMS = List.of("pid", "start", "path", "type");

    private final CommandService commands;
    private final CommandLedger ledger;

    ResponsePagesController(CommandService commands, CommandLedger ledger) {
        this.commands = commands;
        this.ledger = ledger;
    }

    @GetMapping("/response")
    String form(@RequestParam(required = false) String host, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("target", "hosts");
        form.put("hosts", host == null ? "" : host);
        form.put("action", "process_list");
        return page(form, host, model);
    }

    @PostMapping("/response")
    String send(
            @RequestParam MultiValueMap<String, String> fields,
            Authentication who,
            HttpServletRequest request,
            Model model) {
        Map<String, String> form = new LinkedHashMap<>(fields.toSingleValueMap());
        form.remove("_csrf");
        try {
            CommandService.Requested requested = commands.request(
                    new CommandService.Requester(Actors.name(who), Actors.roles(who), request.getRemoteAddr()),
                    CommandRequest.parse(body(form)));
            return "redirect:/response/requests/" + requested.requestId();
        } catch (ApiProblem e) {
            if (e.status() == HttpStatus.CONFLICT) {
                // The query's hosts, counted now: the form comes back asking to confirm that number.
                List<String> hosts = commands.hosts(CommandRequest.parse(body(withoutConfirm(form))));
                model.addAttribute("confirmHosts", hosts.size());
                model.addAttribute("sampleHosts", hosts.subList(0, Math.min(10, hosts.size())));
            } else {
                model.addAttribute("error", e.getMessage());
            }
            return page(form, null, model);
        }
    }

    @GetMapping("/response/requests/{requestId}")
    String request(@PathVariable String requestId, Model model) {
        List<CommandLedger.Stored> stored = commands.commands(requestId);
        model.addAttribute("requestId", requestId);
        model.addAttribute("rows", stored.stream().map(StoredCommands::json).toList());
        model.addAttribute("awaiting", stored.stream().anyMatch(s -> "awaiting_approval".equals(s.state())));
        model.addAttribute(
                "cancellable",
                stored.stream()
                        .anyMatch(s -> List.of("queued", "awaiting_approval", "delivered", "running")
                                .contains(s.state())));
        return "response-request";
    }

    @PostMapping("/response/requests/{requestId}/{change}")
    String change(
            @PathVariable String requestId,
            @PathVariable String change,
            Authentication who,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        CommandService.Requester requester =
                new CommandService.Requester(Actors.name(who), Actors.roles(who), request.getRemoteAddr());
        try {
            switch (change) {
                case "approve" ->
                    redirect.addFlashAttribute("message", "Approved " + commands.approve(requester, requestId) + ".");
                case "cancel" -> {
                    CommandService.Cancelled done = commands.cancel(requester, requestId);
                    redirect.addFlashAttribute(
                            "message",
                            "Cancelled " + done.cancelled() + " that had not run"
                                    + (done.stopping() == 0
                                            ? "."
                                            : "; " + done.stopping() + " running: their agents stop them within"
                                                    + " seconds."));
                }
                default -> throw new ApiProblem(HttpStatus.NOT_FOUND, "No such change: " + change);
            }
        } catch (ApiProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/response/requests/" + requestId;
    }

    @GetMapping("/response/commands/{id}")
    String command(@PathVariable String id, Model model) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiProblem.badRequest("'" + id + "' is not a command id");
        }
        CommandLedger.Stored stored =
                ledger.find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No command " + id));
        model.addAttribute("command", StoredCommands.json(stored));
        return "response-command";
    }

    private String page(Map<String, String> form, String host, Model model) {
        model.addAttribute("form", form);
        model.addAttribute(
                "actions",
                Arrays.stream(Command.Action.values()).map(Command.Action::wire).toList());
        model.addAttribute("historyHost", host);
        model.addAttribute(
                "history",
                ledger.recent(host == null || host.isBlank() ? null : host, HISTORY).stream()
                        .map(StoredCommands::json)
                        .toList());
        return "response";
    }

    private static Map<String, String> withoutConfirm(Map<String, String> form) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.remove("confirm_hosts");
        return copy;
    }

    /** The form as the API's JSON body, so that both are checked alike. */
    static ObjectNode body(Map<String, String> form) {
        ObjectNode body = JSON.createObjectNode();
        if ("query".equals(form.get("target"))) {
            body.putObject("query")
                    .put("type", form.getOrDefault("query_type", "").strip())
                    .put("q", form.getOrDefault("query_q", ""));
            String confirm = form.getOrDefault("confirm_hosts", "").strip();
            if (!confirm.isEmpty()) {
                body.put("confirm_hosts", confirm.matches("\\d{1,9}") ? Integer.parseInt(confirm) : -1);
            }
        } else {
            ArrayNode hosts = body.putArray("hosts");
            for (String host : form.getOrDefault("hosts", "").split("[\\s,]+")) {
                if (!host.isBlank()) {
                    hosts.add(host);
                }
            }
        }
        body.put("action", form.getOrDefault("action", ""));
        ObjectNode params = JSON.createObjectNode();
        for (String name : PARAMS) {
            String value = form.getOrDefault("param_" + name, "").strip();
            if (!value.isEmpty()) {
                params.put(name, value);
            }
        }
        if (!params.isEmpty()) {
            body.set("params", params);
        }
        String argv = form.getOrDefault("argv", "");
        if (!argv.isBlank()) {
            ArrayNode args = body.putArray("argv");
            argv.lines().filter(line -> !line.isEmpty()).forEach(args::add);
        }
        if (form.containsKey("shell")) {
            body.put("shell", true);
        }
        String timeout = form.getOrDefault("timeout_seconds", "").strip();
        if (!timeout.isEmpty()) {
            body.put("timeout_seconds", timeout.matches("\\d{1,9}") ? Long.parseLong(timeout) : -1);
        }
        String reason = form.getOrDefault("reason", "");
        if (!reason.isBlank()) {
            body.put("reason", reason);
        }
        return body;
    }
}
