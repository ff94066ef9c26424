package io.agent7.server.accounts;

import java.util.Optional;

/** Where accounts live; shared by every service so that one login works everywhere. */
public interface AccountStore {

    Optional<Account> find(String name);

    /** Creates the account unless one with that name exists; answers whether it did. */
    boolean create(Account account);
}
