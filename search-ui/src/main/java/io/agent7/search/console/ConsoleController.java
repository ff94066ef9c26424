package io.agent7.search.console;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import java.security.Principal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The console's landing page: the data types and a search box over the query API. A search
 * is the page's own URL ({@code /?type=...&filter=...}), so it can be bookmarked and shared,
 * and the page shows the same search as a curl command.
 */
@Controller
class ConsoleController {

    private final Schema schema;
    private final String caCertificate;

    /**
     * @param caCertificate the CA file the page's curl command trusts, as the analyst's machine
     *     has it ({@code agent7.console.curl-ca-certificate}; {@code up} names its local CA); empty
     *     for a certificate the system already trusts
     */
    ConsoleController(Schema schema, @Value("${agent7.console.curl-ca-certificate:}") String caCertificate) {
        this.schema = schema;
        this.caCertificate = caCertificate;
    }

    @GetMapping("/")
    String home(
            @RequestParam(required = false, defaultValue = "process") String type,
            @RequestParam(required = false, defaultValue = "") String filter,
            Principal user,
            Model model) {
        String chosen = known(type);
        model.addAttribute("types", schema.types().stream().map(DataType::name).toList());
        model.addAttribute("type", chosen);
        model.addAttribute("filter", filter);
        model.addAttribute(
                "curl",
                CurlCommand.of(
                        ServletUriComponentsBuilder.fromCurrentContextPath()
                                .build()
                                .toUriString(),
                        caCertificate,
                        user.getName(),
                        chosen,
                        filter));
        return "home";
    }

    /** The type's own name for a name or alias; an unknown one falls back to processes rather than failing the page. */
    private String known(String type) {
        try {
            return schema.require(type).name();
        } catch (UnknownTypeException e) {
            return "process";
        }
    }
}
