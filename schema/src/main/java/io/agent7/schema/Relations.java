package io.agent7.schema;

import java.util.List;

/**
 * How the data types relate, for joins across types: a local or domain user and what runs
 * as that user, a process and its sockets, a group and its members, a GPO and its files.
 *
 * <p>A relation on several fields, or on one that folds case, names its join key (see
 * {@link Relation#keyField()}); {@link Schema} refuses one that does not. Relations that
 * join the same kind of thing share a key, so that a type carries one field per kind: a
 * user's processes and a user's tasks both join a local account on {@code host_user}.
 */
final class Relations {

    /** A local account: the host and the account's name, which Windows compares without case. */
    private static final String HOST_USER = "host_user";
    /** A domain account: its domain and its name, both compared without case. */
    private static final String DOMAIN_USER = "domain_user";
    /** A process on a host: pids repeat across hosts. */
    private static final String HOST_PID = "host_pid";
    /** A directory object by its distinguished name, which LDAP compares without case. */
    private static final String AD_DN = "ad_dn";
    /** A GPO by its GUID: the directory and SYSVOL's folder names may spell it in either case. */
    private static final String GPO_GUID = "gpo_guid";

    static final List<Relation> ALL = List.of(
            Relation.of(
                            "user_scheduled_tasks",
                            "local_user",
                            "scheduled_task",
                            "Scheduled tasks that run as a local account.",
                            "host.id",
                            "host.id",
                            "user.name",
                            "user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "user_startup_items",
                            "local_user",
                            "startup_item",
                            "Startup items of, or running as, a local account.",
                            "host.id",
                            "host.id",
                            "user.name",
                            "user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "user_services",
                            "local_user",
                            "service",
                            "Services that run as a local account.",
                            "host.id",
                            "host.id",
                            "user.name",
                            "user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "user_processes",
                            "local_user",
                            "process",
                            "Processes running as a local account.",
                            "host.id",
                            "host.id",
                            "user.name",
                            "process.user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "user_logons",
                            "local_user",
                            "logged_on_user",
                            "Sessions of a local account.",
                            "host.id",
                            "host.id",
                            "user.name",
                            "user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "group_members",
                            "local_group",
                            "local_user",
                            "Local accounts that are members of a local group.",
                            "host.id",
                            "host.id",
                            "local_group.members",
                            "user.name")
                    .withKey(HOST_USER),
            Relation.of(
                            "ad_user_scheduled_tasks",
                            "ad_user",
                            "scheduled_task",
                            "Scheduled tasks on any host that run as a domain account.",
                            "user.domain",
                            "user.domain",
                            "user.name",
                            "user.name")
                    .withKey(DOMAIN_USER),
            Relation.of(
                            "ad_user_startup_items",
                            "ad_user",
                            "startup_item",
                            "Startup items on any host of, or running as, a domain account.",
                            "user.domain",
                            "user.domain",
                            "user.name",
                            "user.name")
                    .withKey(DOMAIN_USER),
            Relation.of(
                            "ad_user_services",
                            "ad_user",
                            "service",
                            "Services on any host that run as a domain account.",
                            "user.domain",
                            "user.domain",
                            "user.name",
                            "user.name")
                    .withKey(DOMAIN_USER),
            Relation.of(
                    "ad_user_processes",
                    "ad_user",
                    "process",
                    "Processes on any host running as a domain account, matched by SID.",
                    "user.id",
                    "process.user.id"),
            Relation.of(
                            "ad_user_logons",
                            "ad_user",
                            "logged_on_user",
                            "Sessions of a domain account on any host.",
                            "user.domain",
                            "user.domain",
                            "user.name",
                            "user.name")
                    .withKey(DOMAIN_USER),
            Relation.of(
                            "ad_group_members",
                            "ad_group",
                            "ad_user",
                            "Domain accounts that are direct members of a domain group.",
                            "ad_group.members",
                            "ad_user.distinguished_name")
                    .withKey(AD_DN),
            Relation.of(
                            "process_connections",
                            "process",
                            "network_connection",
                            "Sockets a process owns.",
                            "host.id",
                            "host.id",
                            "process.pid",
                            "process.pid")
                    .withKey(HOST_PID),
            Relation.of(
                            "gpo_files",
                            "gpo",
                            "sysvol_file",
                            "The SYSVOL files of a GPO.",
                            "gpo.guid",
                            "sysvol_file.gpo_guid")
                    .withKey(GPO_GUID));

    private Relations() {}
}
