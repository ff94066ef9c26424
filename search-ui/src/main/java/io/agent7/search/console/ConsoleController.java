package io.agent7.search.console;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's landing page: the data types and a search box over the query API. */
@Controller
class ConsoleController {

    private final Schema schema;

    ConsoleController(Schema schema) {
        this.schema = schema;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("types", schema.types().stream().map(DataType::name).toList());
        return "home";
    }
}
