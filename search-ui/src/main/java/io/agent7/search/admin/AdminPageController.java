package io.agent7.search.admin;

import io.agent7.server.accounts.AccountStore;
import io.agent7.server.accounts.ApiTokens;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin}: the accounts, the API tokens (never their secrets) and the newest audit records. */
@Controller
class AdminPageController {

    private final AccountStore accounts;
    private final ApiTokens tokens;
    private final AuditRecords audit;

    AdminPageController(AccountStore accounts, ApiTokens tokens, AuditRecords audit) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("records", audit.newest(null, 50));
        return "admin";
    }
}
