package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake host root for the collectors: the text files under test resources {@code root/},
 * plus what resources cannot hold (symbolic links, executable bits, FIFOs, a bound Unix
 * socket, binary utmp, wtmp and lastlog, gzip logs, modification times, /proc's fd links).
 * As a JUnit extension it builds one root per test on first use and deletes it afterwards,
 * links as links: the fixture's links point at host paths such as /dev/null on purpose.
 */
final class FixtureRoot implements AfterEachCallback {

    /** Seconds since the epoch of the processes' boot, as the fixture's /proc/stat says. */
    static final long BOOT_TIME = 1_700_000_000L;

    static final Instant OPENSSH_LIST_TIME = Instant.parse("2024-03-02T10:30:00Z");
    static final Instant BACKUP_STAMP_TIME = Instant.parse("2024-05-01T02:00:00Z");

    private Path dir;
    private Path root;

    /** This test's fixture root, built on the first call. */
    Path root() throws IOException {
        if (root == null) {
            dir = Files.createTempDirectory("agent7-fixture-");
            root = create(dir);
        }
        return root;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (dir != null) {
            deleteTree(dir);
            dir = null;
            root = null;
        }
    }

    private static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path create(Path dir) throws IOException {
        Path root = dir.resolve("root");
        copyTree(resource("root"), root);
        links(root);
        executables(root);
        processes(root);
        logs(root);
        sessions(root);
        fifosAndSockets(root);
        return root;
    }

    static Path resource(String name) {
        try {
            return Path.of(FixtureRoot.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void link(Path root, String link, String target) throws IOException {
        Path path = root.resolve(link);
        Files.createDirectories(path.getParent());
        Files.createSymbolicLink(path, Path.of(target));
    }

    private static void links(Path root) throws IOException {
        link(root, "lib", "usr/lib");
        link(root, "var/run", "../run");
        link(root, "etc/systemd/system/masked.service", "/dev/null");
        link(root, "etc/systemd/system/sshd.service", "/usr/lib/systemd/system/ssh.service");
        link(root, "etc/systemd/system/multi-user.target.wants/ssh.service", "/usr/lib/systemd/system/ssh.service");
        link(root, "etc/systemd/system/multi-user.target.wants/web.service", "/usr/lib/systemd/system/web.service");
        link(
                root,
                "etc/systemd/system/multi-user.target.wants/remote-fs.target",
                "/usr/lib/systemd/system/remote-fs.target");
        link(
                root,
                "etc/systemd/system/getty.target.wants/getty@tty1.service",
                "/usr/lib/systemd/system/getty@.service");
        link(root, "etc/systemd/system/timers.target.wants/backup.timer", "/usr/lib/systemd/system/backup.timer");
        link(root, "usr/lib/systemd/system/dbus-org.example.Dyn.service", "dyn.service");
        link(root, "etc/rc2.d/S01legacy-daemon", "../init.d/legacy-daemon");
        link(root, "etc/rc3.d/S01legacy-daemon", "../init.d/legacy-daemon");
        link(root, "etc/rc2.d/K01other", "../init.d/other");
        link(root, "dev/mapper/cryptdata", "../dm-0");
        link(root, "dev/disk/by-label/USB\\x20STICK", "../../sdb1");
        link(root, "dev/disk/by-uuid/1234-ABCD", "../../sdb1");
        link(root, "dev/disk/by-uuid/0f1e2d3c-root", "../../sda1");
    }

    private static void executables(Path root) throws IOException {
        for (String file : List.of(
                "usr/sbin/sshd",
                "usr/sbin/nginx",
                "usr/bin/first",
                "usr/bin/second",
                "usr/bin/third",
                "usr/bin/disabled-daemon",
                "usr/bin/dyn",
                "usr/local/bin/backup.sh",
                "usr/bin/cleanup",
                "sbin/agetty",
                "usr/bin/run-parts",
                "usr/bin/test",
                "usr/bin/daily-report",
                "usr/bin/php",
                "usr/bin/weekly-mail",
                "usr/bin/tray-app",
                "usr/bin/echo",
                "usr/local/bin/on-boot.sh",
                "home/alice/bin/sync-notes",
                "home/alice/bin/start-agent.sh",
                "usr/bin/sh",
                "usr/bin/long-command",
                "etc/cron.daily/logrotate",
                "etc/rc.local",
                "etc/init.d/legacy-daemon",
                "etc/init.d/other")) {
            Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(
                root.resolve("etc/cron.hourly/not-executable"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** /proc/&lt;pid&gt;: names, command lines, start times and the fds that hold the fixture's sockets. */
    private static void processes(Path root) throws IOException {
        process(root, 100, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", "/usr/sbin/sshd", 1001);
        process(root, 200, "sshd", "sshd: alice [priv]", "/usr/sbin/sshd", 1003);
        process(root, 201, "sshd", "sshd: alice@pts/0", "/usr/sbin/sshd", 1003);
        process(root, 210, "sshd-session", "sshd-session: bob@notty", "/usr/lib/openssh/sshd-session", 2003);
        process(root, 300, "nginx", "nginx: master process /usr/sbin/nginx", "/usr/sbin/nginx (deleted)", 1002, 2001);
        process(root, 301, "nginx", "nginx: worker process", "/usr/sbin/nginx (deleted)", 2001);
        process(root, 400, "app", "/opt/app/bin/app --serve", "/opt/app/bin/app", 4001, 4002, 4006);
        process(
                root,
                500,
                "smbd",
                "/usr/sbin/smbd --foreground --no-process-group",
                "/usr/sbin/smbd",
                1005,
                1006,
                1007);
        process(root, 600, "curl", "curl https://8.8.8.8/", "/usr/bin/curl", 1004);
        process(
                root,
                700,
                "java",
                "java -jar es.jar",
                "/usr/lib/jvm/java-17/bin/java",
                2002,
                2004,
                2005,
                3002,
                3001,
                3003);
        // started 2 minutes and 1 hour after boot, in clock ticks (100 a second)
        stat(root, 200, "sshd", 12_000);
        stat(root, 500, "smbd", 360_000);
        Path noFds = root.resolve("proc/800");
        Files.createDirectories(noFds);
        Files.writeString(noFds.resolve("comm"), "kworker/0:1\n");
    }

    private static void process(Path root, int pid, String comm, String title, String exe, long... sockets)
            throws IOException {
        Path dir = root.resolve("proc/" + pid);
        Files.createDirectories(dir.resolve("fd"));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("cmdline"), String.join("\0", title.split(" ")) + "\0");
        Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        Files.createSymbolicLink(dir.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(dir.resolve("fd/1"), Path.of("pipe:[99]"));
        int fd = 3;
        for (long inode : sockets) {
            Files.createSymbolicLink(dir.resolve("fd/" + fd++), Path.of("socket:[" + inode + "]"));
        }
    }

    private static void stat(Path root, int pid, String comm, long startTicks) throws IOException {
        Files.writeString(
                root.resolve("proc/" + pid + "/stat"),
                pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 "
                        + startTicks + " 1000000 200 18446744073709551615\n");
    }

    private static void logs(Path root) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("var/log/dpkg.log.2.gz")))) {
            out.write(Files.readAllBytes(resource("generated/dpkg.log.2")));
        }
        Files.setLastModifiedTime(
                root.resolve("var/lib/dpkg/info/openssh-server.list"), FileTime.from(OPENSSH_LIST_TIME));
        Path stamp = root.resolve("var/lib/systemd/timers/stamp-backup.timer");
        Files.createDirectories(stamp.getParent());
        Files.createFile(stamp);
        Files.setLastModifiedTime(stamp, FileTime.from(BACKUP_STAMP_TIME));
    }

    /** utmp (who is on now), wtmp (logon history), btmp (failed logons) and lastlog, as glibc lays them out on x86_64. */
    private static void sessions(Path root) throws IOException {
        Files.createDirectories(root.resolve("run"));
        Files.write(
                root.resolve("run/utmp"),
                concat(
                        utmp(2, 0, "~", "~~", "reboot", "6.1.0", 1_700_000_000, null),
                        utmp(6, 900, "tty2", "tty2", "LOGIN", "", 1_700_000_010, null),
                        utmp(7, 201, "pts/0", "ts/0", "alice", "10.0.0.100", 1_700_000_100, new byte[] {10, 0, 0, 100}),
                        utmp(7, 901, "tty1", "tty1", "bob", "", 1_700_000_200, null),
                        utmp(7, 902, "pts/1", "ts/1", "carol", ":0", 1_700_000_250, null),
                        utmp(8, 903, "pts/2", "ts/2", "eve", "10.9.9.9", 1_700_000_260, null),
                        utmp(7, 210, "pts/3", "ts/3", "bob", "2001:db8::2", 1_700_000_300, ipv6("2001:db8::2")),
                        utmp(7, 904, "pts/4", "ts/4", "dave", "workstation.example.com", 1_700_000_400, null)));
        Files.createDirectories(root.resolve("var/log"));
        Files.write(
                root.resolve("var/log/wtmp"),
                concat(
                        utmp(7, 950, "pts/0", "ts/0", "carol", "10.0.0.9", 1_699_999_000, new byte[] {10, 0, 0, 9}),
                        utmp(7, 951, "pts/0", "ts/0", "bob", "", 1_700_000_500, null),
                        utmp(8, 951, "pts/0", "ts/0", "", "", 1_700_000_600, null),
                        utmp(7, 952, "pts/1", "ts/1", "bob", "", 1_700_000_400, null)));
        Files.write(
                root.resolve("var/log/btmp"),
                concat(
                        utmp(6, 960, "ssh:notty", "", "alice", "203.0.113.9", 1_700_000_000, null),
                        utmp(6, 961, "ssh:notty", "", "alice", "203.0.113.9", 1_700_000_200, null),
                        utmp(6, 962, "ssh:notty", "", "alice", "203.0.113.9", 1_700_000_300, null),
                        utmp(6, 963, "ssh:notty", "", "admin", "203.0.113.9", 1_700_000_300, null)));
        ByteBuffer lastlog =
                ByteBuffer.allocate(1002 * LogonHistory.LASTLOG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        lastlog.putInt(1000 * LogonHistory.LASTLOG_SIZE, 1_700_000_100);
        put(lastlog, 1000 * LogonHistory.LASTLOG_SIZE + 4, "pts/0", 32);
        put(lastlog, 1000 * LogonHistory.LASTLOG_SIZE + 36, "10.0.0.100", 256);
        Files.write(root.resolve("var/log/lastlog"), lastlog.array());
    }

    static byte[] utmp(
            int type, int pid, String line, String id, String user, String host, long seconds, byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(Utmp.RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) type);
        b.putInt(4, pid);
        put(b, 8, line, 32);
        put(b, 40, id, 4);
        put(b, 44, user, 32);
        put(b, 76, host, 256);
        b.putInt(336, pid);
        b.putInt(340, (int) seconds);
        b.putInt(344, 250_000);
        if (address != null) {
            for (int i = 0; i < address.length; i++) {
                b.put(348 + i, address[i]);
            }
        }
        return b.array();
    }

    private static void put(ByteBuffer b, int at, String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(size, bytes.length); i++) {
            b.put(at + i, bytes[i]);
        }
    }

    static byte[] ipv6(String address) {
        try {
            return java.net.InetAddress.getByName(address).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.length * Utmp.RECORD_SIZE);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    /** FIFOs at several depths (one beyond the walk's limit, one behind a symlink) and a Unix socket file. */
    private static void fifosAndSockets(Path root) throws IOException {
        mkfifo(root.resolve("run/control.fifo"));
        mkfifo(root.resolve("tmp/a/b/c/deep.fifo"));
        mkfifo(root.resolve("tmp/a/b/c/d/too-deep.fifo"));
        mkfifo(root.resolve("var/lib/app/queue.fifo"));
        mkfifo(root.resolve("outside/hidden.fifo"));
        link(root, "run/elsewhere", "../outside");
        Files.setPosixFilePermissions(root.resolve("run/control.fifo"), PosixFilePermissions.fromString("rw-rw----"));
        Path socket = root.resolve("run/app.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    static void mkfifo(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Process process = new ProcessBuilder("mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("mkfifo failed for " + path + ": "
                        + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
