package io.agent7.agent.collect.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cron tables of a host: /etc/crontab and /etc/cron.d/* (with a user column), and the
 * per-user tables of Debian (/var/spool/cron/crontabs/&lt;user&gt;) and Red Hat
 * (/var/spool/cron/&lt;user&gt;). Read as cron reads them: a line is a job, an environment
 * assignment or a comment. Cron has no line continuation: a trailing backslash stays in its
 * command, and the next line stands alone.
 */
final class CronTables {

    private static final Set<String> SPECIAL =
            Set.of("@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

    /**
     * One job.
     *
     * @param file       host path of its table
     * @param line       line number, from 1
     * @param source     crontab (/etc/crontab, user tables) or cron_d
     * @param userTable  a user's own table, rather than a system one
     * @param schedule   five fields, or an @ keyword such as @reboot
     * @param user       the account it runs as
     * @param command    the command as written
     * @param searchPath the PATH its table sets, where its program is looked for
     */
    record Entry(
            String file,
            int line,
            String source,
            boolean userTable,
            String schedule,
            String user,
            String command,
            List<String> searchPath) {

        boolean atReboot() {
            return schedule.equals("@reboot");
        }

        String location() {
            return file + ":" + line;
        }

        /** The file name and the command: how a person would point at the job. */
        String displayName() {
            String name = file.substring(file.lastIndexOf('/') + 1) + ": " + command;
            return name.length() > 160 ? name.substring(0, 157) + "..." : name;
        }
    }

    private CronTables() {}

    static List<Entry> read(Root root) {
        List<Entry> entries = new ArrayList<>();
        parse(Root.read(root.at("/etc/crontab")), "/etc/crontab", "crontab", null, entries);
        for (Path file : Root.list(root.at("/etc/cron.d"))) {
            String name = file.getFileName().toString();
            if (runsAsTable(name) && Root.isRegularFile(file)) {
                parse(Root.read(file), "/etc/cron.d/" + name, "cron_d", null, entries);
            }
        }
        readUserTables(root, "/var/spool/cron/crontabs", entries);
        readUserTables(root, "/var/spool/cron", entries);
        return entries;
    }

    private static void readUserTables(Root root, String dir, List<Entry> entries) {
        for (Path file : Root.list(root.at(dir))) {
            String user = file.getFileName().toString();
            if (runsAsTable(user) && Root.isRegularFile(file)) {
                parse(Root.read(file), dir + "/" + user, "crontab", user, entries);
            }
        }
    }

    /** Cron skips editor backups, package-manager leftovers and hidden files in its directories. */
    static boolean runsAsTable(String name) {
        return !name.isEmpty()
                && name.charAt(0) != '.'
                && !name.endsWith("~")
                && !name.contains(".dpkg-")
                && !name.contains(".rpm")
                && !name.endsWith(".swp");
    }

    /**
     * The jobs of one table.
     *
     * @param owner the table's user for a user table (five schedule fields, then the command);
     *              null for a system table, where a user column follows the schedule
     */
    static void parse(String text, String file, String source, String owner, List<Entry> out) {
        if (text == null) {
            return;
        }
        List<String> searchPath = CommandLine.CRON_PATH;
        List<String> lines = Root.splitLines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            char first = line.charAt(0);
            if (first != '@' && first != '*' && !Character.isDigit(first)) {
                String path = pathAssignment(line);
                if (path != null) {
                    searchPath = List.of(path.split(":"));
                }
                continue;
            }
            Entry entry = job(line, i + 1, file, source, owner, searchPath);
            if (entry != null) {
                out.add(entry);
            }
        }
    }

    private static Entry job(
            String line, int number, String file, String source, String owner, List<String> searchPath) {
        int fieldCount = line.charAt(0) == '@' ? 1 : 5;
        List<String> fields = new ArrayList<>(fieldCount + 1);
        int at = 0;
        int wanted = fieldCount + (owner == null ? 1 : 0);
        while (fields.size() < wanted) {
            while (at < line.length() && isBlank(line.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < line.length() && !isBlank(line.charAt(at))) {
                at++;
            }
            if (start == at) {
                return null;
            }
            fields.add(line.substring(start, at));
        }
        String command = line.substring(at).strip();
        String schedule = String.join(" ", fields.subList(0, fieldCount));
        if (command.isEmpty() || !validSchedule(fields.subList(0, fieldCount))) {
            return null;
        }
        String user = owner != null ? owner : fields.get(fieldCount);
        return new Entry(file, number, source, owner != null, schedule, user, command, searchPath);
    }

    /** Per field: lowest and highest value, and the names cron accepts instead of numbers. */
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    /** Whether cron would accept the schedule: an @ keyword, or five fields of lists, ranges and steps in range. */
    static boolean validSchedule(List<String> fields) {
        if (fields.size() == 1) {
            return SPECIAL.contains(fields.get(0).toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < fields.size(); i++) {
            for (String element : fields.get(i).split(",", -1)) {
                if (!validElement(element, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean validElement(String element, int field) {
        int slash = element.indexOf('/');
        String range = slash >= 0 ? element.substring(0, slash) : element;
        if (slash >= 0 && !isNumber(element.substring(slash + 1))) {
            return false;
        }
        if (range.equals("*")) {
            return true;
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            return validValue(range, field);
        }
        return validValue(range.substring(0, dash), field) && validValue(range.substring(dash + 1), field);
    }

    private static boolean validValue(String value, int field) {
        if (isNumber(value)) {
            int n = Integer.parseInt(value);
            return n >= RANGES[field][0] && n <= RANGES[field][1];
        }
        String name = value.toLowerCase(Locale.ROOT);
        return field == 3 && MONTHS.contains(name) || field == 4 && DAYS.contains(name);
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The value of a {@code PATH = value} line, unquoted; null for any other line. */
    private static String pathAssignment(String line) {
        int eq = line.indexOf('=');
        if (eq < 0 || !line.substring(0, eq).strip().equals("PATH")) {
            return null;
        }
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /**
     * What the job runs: cron hands the text up to the first unescaped "%" to the shell (the
     * rest is its standard input), so the program and arguments come from that part.
     */
    static CommandLine command(Entry entry, Root root) {
        String command = entry.command();
        StringBuilder shellPart = new StringBuilder(command.length());
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '%') {
                shellPart.append('%');
                i++;
            } else if (c == '%') {
                break;
            } else {
                shellPart.append(c);
            }
        }
        CommandLine parsed = CommandLine.of(shellPart.toString(), root, entry.searchPath());
        if (parsed == null) {
            return new CommandLine(command, null, List.of());
        }
        return new CommandLine(command, parsed.executable(), parsed.args());
    }
}
