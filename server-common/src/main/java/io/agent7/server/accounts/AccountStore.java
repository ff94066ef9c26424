package io.agent7.server.accounts;

import java.util.List;
import java.util.Optional;

/** Where accounts live; shared by every service so that one login works everywhere. */
public interface AccountStore {

    Optional<Account> find(String name);

    /** Creates the account unless one with that name exists; answers whether it did. */
    boolean create(Account account);

    /** Every account, by name (a store holds people, not hosts: thousands at most). */
    List<Account> list();
}
