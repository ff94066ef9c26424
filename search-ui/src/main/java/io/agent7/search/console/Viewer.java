package io.agent7.search.console;

import io.agent7.search.security.Actors;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is looking at a page, for every template ({@code ${viewer}}): their name and what their
 * role lets the page offer. It only hides links; the security chain decides what is allowed.
 */
@ControllerAdvice(basePackages = "io.agent7.search")
class Viewer {

    /** The person and their roles ({@code viewer}, {@code analyst}, ...). */
    record Person(String name, List<String> roles) {
        public boolean isAnalyst() {
            return roles.contains("analyst");
        }

        public boolean isResponder() {
            return roles.contains("responder");
        }

        public boolean isAdmin() {
            return roles.contains("admin");
        }
    }

    @ModelAttribute("viewer")
    Person viewer(Authentication authentication) {
        return new Person(Actors.name(authentication), Actors.roles(authentication));
    }
}
