package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.ReadAndMap;
import io.agent7.agent.collect.windows.accounts.win32.LocalAccountsReader;
import io.agent7.agent.collect.windows.accounts.win32.LogonSessionsReader;
import io.agent7.agent.collect.windows.accounts.win32.PrintersReader;
import io.agent7.agent.collect.windows.accounts.win32.SharesReader;
import io.agent7.agent.collect.windows.accounts.win32.SmbSessionsReader;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.List;

/** The Windows collectors of accounts, sessions, shares and printers. */
public final class AccountCollectors {

    private AccountCollectors() {}

    public static List<Collector> all(Schema schema) {
        return List.of(
                // the users logged on now, from LSA's logon sessions
                new ReadAndMap(
                        schema.require("logged_on_user"),
                        () -> LoggedOnUserDocs.documents(new LogonSessionsReader().read())),
                // the local accounts (NetUserEnum), with groups and privilege from the local groups
                new ReadAndMap(
                        schema.require("local_user"),
                        () -> LocalUserDocs.documents(new LocalAccountsReader(Clock.systemUTC()).read(true))),
                // the local groups (NetLocalGroupEnum) and their members
                new ReadAndMap(
                        schema.require("local_group"),
                        () -> LocalGroupDocs.documents(new LocalAccountsReader(Clock.systemUTC()).read(false))),
                // the SMB shares (NetShareEnum) with their share permissions
                new ReadAndMap(schema.require("share"), () -> ShareDocs.documents(new SharesReader().read())),
                // the SMB sessions clients hold to this host (NetSessionEnum)
                new ReadAndMap(
                        schema.require("net_session"), () -> NetSessionDocs.documents(new SmbSessionsReader().read())),
                // the printers of the host and its printer connections (EnumPrinters)
                new ReadAndMap(schema.require("printer"), () -> {
                    PrintersReader printers = new PrintersReader();
                    return PrinterDocs.documents(printers.read(), printers.defaultPrinter());
                }));
    }
}
