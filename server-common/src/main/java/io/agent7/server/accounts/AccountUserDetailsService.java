package io.agent7.server.accounts;

import java.util.Optional;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Spring Security's view of {@link AccountStore}. */
public class AccountUserDetailsService implements UserDetailsService {

    private final AccountStore accounts;

    public AccountUserDetailsService(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Optional<Account> account = accounts.find(username);
        if (account.isEmpty()) {
            throw new UsernameNotFoundException("No account " + username);
        }
        Account a = account.get();
        return User.withUsername(a.name())
                .password(a.passwordHash())
                .disabled(!a.enabled())
                .authorities(AuthorityUtils.createAuthorityList(a.topRole().authorities()))
                .build();
    }
}
