package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scheduled jobs: cron tables, the scripts of /etc/cron.{hourly,daily,weekly,monthly}, and
 * systemd timers with the command of the unit each triggers. {@code @reboot} jobs run at
 * boot rather than on a schedule: they are startup items.
 */
public final class ScheduledTaskCollector implements Collector {

    private static final List<String> PERIODS = List.of("hourly", "daily", "weekly", "monthly");
    private static final List<String> MONOTONIC =
            List.of("OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec");

    private final Root root;
    private final FileHashes hashes = new FileHashes();

    private final DataType type;

    public ScheduledTaskCollector(Schema schema, Path root) {
        this.type = schema.require("scheduled_task");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        Accounts accounts = Accounts.load(root);
        Accounts.UidRange people = Accounts.uidRange(root);
        String hostName = HostName.of(root);
        List<ObjectNode> documents = new ArrayList<>();
        for (CronTables.Entry entry : CronTables.read(root)) {
            if (entry.atReboot()) {
                continue;
            }
            CommandLine command = CronTables.command(entry, root);
            Doc doc = new Doc()
                    .text("scheduled_task.path", entry.location())
                    .text("scheduled_task.name", entry.displayName())
                    .text("scheduled_task.folder", entry.file())
                    .text("scheduled_task.source", entry.source())
                    .text("scheduled_task.schedule", entry.schedule())
                    .bool("scheduled_task.enabled", true);
            runs(doc, command, entry.user(), accounts, people, hostName);
            documents.add(doc.build());
        }
        periodicScripts(documents, accounts, people, hostName);
        timers(documents, accounts, people, hostName);
        return documents;
    }

    private void periodicScripts(
            List<ObjectNode> documents, Accounts accounts, Accounts.UidRange people, String hostName) {
        for (String period : PERIODS) {
            String dir = "/etc/cron." + period;
            for (Path script : Root.list(root.at(dir))) {
                String name = script.getFileName().toString();
                if (!CronTables.runsAsTable(name) || !Root.isRegularFile(script)) {
                    continue;
                }
                String path = dir + "/" + name;
                Doc doc = new Doc()
                        .text("scheduled_task.path", path)
                        .text("scheduled_task.name", name)
                        .text("scheduled_task.folder", dir)
                        .text("scheduled_task.source", "cron_periodic")
                        .text("scheduled_task.schedule", period)
                        // run-parts runs only the executable ones
                        .bool("scheduled_task.enabled", Files.isExecutable(script));
                runs(doc, new CommandLine(path, path, List.of(path)), "root", accounts, people, hostName);
                documents.add(doc.build());
            }
        }
    }

    private void timers(List<ObjectNode> documents, Accounts accounts, Accounts.UidRange people, String hostName) {
        SystemdUnits units = SystemdUnits.scan(root);
        for (String name : units.names(".timer")) {
            SystemdUnits.Unit timer = units.load(name);
            if (timer == null) {
                continue;
            }
            String folder = timer.path().substring(0, timer.path().lastIndexOf('/'));
            Doc doc = new Doc()
                    .text("scheduled_task.path", timer.path())
                    .text("scheduled_task.name", name)
                    .text("scheduled_task.folder", folder)
                    .text("scheduled_task.source", "systemd_timer")
                    .bool("scheduled_task.enabled", !timer.masked() && units.isEnabled(name))
                    .date("scheduled_task.last_run", lastRun(name));
            if (!timer.masked()) {
                doc.text("scheduled_task.schedule", schedule(timer.file()))
                        .text(
                                "scheduled_task.description",
                                timer.expand(timer.file().last("Unit", "Description")));
                String target = timer.file().last("Timer", "Unit");
                SystemdUnits.Unit service =
                        units.load(target != null ? timer.expand(target) : timer.prefixName() + ".service");
                if (service != null && !service.masked()) {
                    runs(
                            doc,
                            SystemdUnits.execStart(service, root),
                            SystemdUnits.user(service),
                            accounts,
                            people,
                            hostName);
                }
            }
            documents.add(doc.build());
        }
    }

    /** OnCalendar= expressions, then the monotonic triggers as Key=value, joined by "; ". */
    static String schedule(IniFile timer) {
        List<String> parts = new ArrayList<>(timer.all("Timer", "OnCalendar"));
        for (String key : MONOTONIC) {
            for (String value : timer.all("Timer", key)) {
                parts.add(key + "=" + value);
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** A Persistent= timer's stamp file is touched each time it fires. */
    private Instant lastRun(String timer) {
        try {
            return Files.getLastModifiedTime(root.at("/var/lib/systemd/timers/stamp-" + timer))
                    .toInstant();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void runs(
            Doc doc, CommandLine command, String user, Accounts accounts, Accounts.UidRange people, String hostName) {
        doc.command(command).account(user, accounts.id(user), accounts.domain(user, hostName));
        if (command != null) {
            doc.text("process.hash.sha256", hashes.sha256(command.programFile(root)));
        }
        if (user != null) {
            doc.bool("scheduled_task.privileged", accounts.privileged(user));
            Accounts.User account = accounts.user(user);
            if (account != null) {
                doc.text("scheduled_task.account_type", Accounts.accountKind(account.uid(), people));
            }
        }
    }
}
