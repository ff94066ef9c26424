package io.agent7.search.console;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: Agent7's own accounts, and a button per identity provider configured
 * ({@code spring.security.oauth2.client.registration.*}).
 */
@Controller
class LoginController {

    /** One identity provider's button: its name and where it starts the sign-in. */
    record Provider(String name, String url) {}

    private final List<Provider> providers = new ArrayList<>();

    LoginController(ObjectProvider<ClientRegistrationRepository> registrations) {
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object each : all) {
                ClientRegistration registration = (ClientRegistration) each;
                providers.add(new Provider(
                        registration.getClientName(), "/oauth2/authorization/" + registration.getRegistrationId()));
            }
        }
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", providers);
        return "login";
    }
}
