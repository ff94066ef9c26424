package io.agent7.simulator.host;

/** The suspicious items the simulator plants on a few hosts, by the name {@link VirtualHost#plantedFindings()} reports. */
enum Finding {
    TASK_IN_USERS_PUBLIC("task_in_users_public", true),
    SERVICE_IN_TEMP("service_in_temp", true),
    RUN_KEY_IN_APPDATA_ROAMING("run_key_in_appdata_roaming", true),
    STALE_PRIVILEGED_USER("stale_privileged_user", true),
    CRON_REBOOT_IN_TMP("cron_reboot_in_tmp", false),
    SYSTEMD_UNIT_IN_TMP("systemd_unit_in_tmp", false),
    UID_ZERO_ACCOUNT("uid_zero_account", false),
    STALE_PRIVILEGED_LINUX_USER("stale_privileged_user", false);

    final String label;
    final boolean windows;

    Finding(String label, boolean windows) {
        this.label = label;
        this.windows = windows;
    }
}
