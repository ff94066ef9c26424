package io.agent7.search.console;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** JSON for data attributes the console's script reads ({@code ${@consoleJson.write(...)}}); Thymeleaf escapes it for the attribute. */
@Component("consoleJson")
class ConsoleJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String write(Object value) {
        return JSON.writeValueAsString(value);
    }
}
