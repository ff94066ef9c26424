package io.agent7.testkit;

import io.agent7.protocol.CommandSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./agent7} does in Java rather than in shell, from {@code testkit/target/agent7-tools.jar}:
 * starting and stopping its Elasticsearch nodes and Samba DC (the same code tests start theirs with) and
 * making the local CA and the ingest API's certificate. Each command fails with a message
 * that names what went wrong, and exit code 1.
 */
public final class Tools {

    private static final String USAGE = """
            Usage: java -jar agent7-tools.jar <command> [--name value ...]

              certificates --dir DIR --ca-name NAME --host HOST [--ip ADDRESS ...]
                  a new local CA (DIR/ca.pem) and a certificate signed by it for HOST, localhost,
                  127.0.0.1 and each ADDRESS (DIR/server.p12, its password in DIR/password), owner-only
              command-keys --dir DIR
                  the key pair response commands are signed with, made once: DIR/command-signing.key
                  (private, owner-only, for the console) and DIR/command-signing.pub (for the ingest
                  API to hand agents at enrollment); an existing pair is kept, as agents pinned it
              elasticsearch-start --dir DIR --version V --distribution ZIP [--port P] [--heap 1g]
                                  [--cpus LIST] [--cluster-name NAME] [--jvm-option OPTION]
                  starts a node in DIR that outlives this command; prints its URL
              elasticsearch-stop --dir DIR
                  stops the node in DIR, if one runs
              elasticsearch-cluster-start --dir DIR --version V --distribution ZIP --roles FILE [--nodes 3]
                                  [--port P] [--heap 512m] [--cluster-name NAME] [--jvm-option OPTION]
                  starts a cluster of secured nodes (TLS on HTTP and transport from a CA made in
                  DIR/ca.pem, file-realm users with the roles of FILE; their passwords in
                  DIR/credentials.env, owner-only) that outlives this command; nodes on HTTP ports
                  P, P+1... and transport ports P+500...; started again with their data when DIR
                  has them; prints the nodes' URLs, comma-separated
              elasticsearch-cluster-stop --dir DIR
                  stops the cluster's nodes in DIR, if they run
              elasticsearch-jdk --version V
                  prints the home of the JDK that Elasticsearch V runs on here
              samba-start --dir DIR [--address 127.0.0.1]
                  provisions a Samba AD DC (agent7.test) in the empty or missing DIR and starts it on
                  the loopback ADDRESS, outliving this command; prints its LDAPS URL
              samba-stop --dir DIR
                  stops the Samba DC in DIR, if one runs
            """;

    private Tools() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        try {
            Map<String, List<String>> options = options(args);
            switch (args[0]) {
                case "certificates" -> certificates(options);
                case "command-keys" -> commandKeys(Path.of(one(options, "dir")));
                case "elasticsearch-start" -> startElasticsearch(options);
                case "elasticsearch-stop" -> ElasticsearchNode.stop(Path.of(one(options, "dir")));
                case "elasticsearch-cluster-start" -> startCluster(options);
                case "elasticsearch-cluster-stop" -> stopCluster(Path.of(one(options, "dir")));
                case "elasticsearch-jdk" -> System.out.println(Jdks.forElasticsearch(one(options, "version")));
                case "samba-start" ->
                    System.out.println(SambaDomainController.startOutlivingJvm(
                                    Path.of(one(options, "dir")),
                                    optional(options, "address").orElse("127.0.0.1"))
                            .ldapsUrl());
                case "samba-stop" -> SambaDomainController.stop(Path.of(one(options, "dir")));
                default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'\n" + USAGE);
            }
        } catch (RuntimeException e) {
            System.err.println("agent7: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void certificates(Map<String, List<String>> options) {
        Path dir = Path.of(one(options, "dir"));
        String host = one(options, "host");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        // The agents pin this CA at enrollment; ten years, so that it outlives the agents' installs.
        CertificateAuthority ca = CertificateAuthority.create(one(options, "ca-name"), Duration.ofDays(3650));
        // 825 days: what clients that cap server certificates' lives still accept.
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
        options.getOrDefault("ip", List.of()).stream()
                .filter(ip -> !addresses.contains(ip))
                .forEach(addresses::add);
        CertificateAuthority.Issued server =
                ca.issueServer(host, List.of("localhost", host), addresses, Duration.ofDays(825));
        String password = secret();
        CertificateAuthority.writeOwnerOnly(dir.resolve("password"), password + "\n");
        server.writePkcs12(dir.resolve("server.p12"), "server", password.toCharArray());
        // Written last: ./agent7 takes the folder as complete when ca.pem and server.p12 exist.
        CertificateAuthority.writeOwnerOnly(dir.resolve("ca.pem"), CertificateAuthority.pem(ca.certificate()));
    }

    private static void commandKeys(Path dir) {
        Path secret = dir.resolve("command-signing.key");
        Path pub = dir.resolve("command-signing.pub");
        if (Files.exists(secret) && Files.exists(pub)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        java.security.KeyPair keys = CommandSignature.newKeyPair();
        CertificateAuthority.writeOwnerOnly(secret, CommandSignature.encodePrivateKey(keys.getPrivate()));
        CertificateAuthority.writeOwnerOnly(pub, CommandSignature.encodePublicKey(keys.getPublic()));
    }

    private static void startElasticsearch(Map<String, List<String>> options) {
        ElasticsearchNode.Builder node = ElasticsearchNode.builder("agent7")
                .dir(Path.of(one(options, "dir")))
                .version(one(options, "version"))
                .distribution(Path.of(one(options, "distribution")))
                .outlivesJvm();
        optional(options, "port").ifPresent(port -> node.port(Integer.parseInt(port)));
        optional(options, "heap").ifPresent(node::heap);
        optional(options, "cpus").ifPresent(node::cpus);
        optional(options, "cluster-name").ifPresent(node::clusterName);
        options.getOrDefault("jvm-option", List.of()).forEach(node::jvmOption);
        System.out.println(node.start().url());
    }

    /** The services' users in a cluster the tools start, each holding the role of its name. */
    static final List<String> SERVICE_USERS =
            List.of("agent7_installer", "agent7_ingest", "agent7_console", "agent7_detections");

    private static void startCluster(Map<String, List<String>> options) {
        Path dir = Path.of(one(options, "dir")).toAbsolutePath();
        Path credentials = dir.resolve("credentials.env");
        Path caStore = dir.resolve("ca.p12");
        CertificateAuthority ca;
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            if (Files.exists(credentials) && Files.exists(caStore)) {
                for (String line : Files.readAllLines(credentials)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        passwords.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
                ca = CertificateAuthority.load(
                        caStore, passwords.get("AGENT7_ES_CA_PASSWORD").toCharArray());
            } else {
                ca = CertificateAuthority.create("Agent7 Elasticsearch CA " + dir.getFileName(), Duration.ofDays(3650));
                passwords.put("AGENT7_ES_CA_PASSWORD", secret());
                passwords.put("AGENT7_ES_SUPERUSER_PASSWORD", secret());
                for (String user : SERVICE_USERS) {
                    passwords.put(passwordVariable(user), secret());
                }
                ca.save(caStore, passwords.get("AGENT7_ES_CA_PASSWORD").toCharArray());
                StringBuilder env = new StringBuilder("AGENT7_ES_SUPERUSER=agent7_admin\n");
                passwords.forEach((name, value) ->
                        env.append(name).append('=').append(value).append('\n'));
                CertificateAuthority.writeOwnerOnly(credentials, env.toString());
            }
            Files.writeString(dir.resolve("ca.pem"), CertificateAuthority.pem(ca.certificate()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        List<ElasticsearchNode.User> users = SERVICE_USERS.stream()
                .map(user -> new ElasticsearchNode.User(user, passwords.get(passwordVariable(user)), List.of(user)))
                .toList();
        ElasticsearchNode.Security security = new ElasticsearchNode.Security(
                        ca, "agent7_admin", passwords.get("AGENT7_ES_SUPERUSER_PASSWORD"))
                .withRoles(Path.of(one(options, "roles")), users);
        int size = Integer.parseInt(optional(options, "nodes").orElse("3"));
        String name = optional(options, "cluster-name").orElse("agent7");
        ElasticsearchCluster cluster = ElasticsearchCluster.start(
                name,
                size,
                security,
                Integer.parseInt(optional(options, "port").orElse("0")),
                (i, node) -> {
                    node.dir(dir.resolve("node-" + (i + 1)))
                            .version(one(options, "version"))
                            .distribution(Path.of(one(options, "distribution")))
                            .heap(optional(options, "heap").orElse("512m"))
                            .outlivesJvm();
                    options.getOrDefault("jvm-option", List.of()).forEach(node::jvmOption);
                },
                dir.resolve("ca.pem"));
        System.out.println(cluster.urlList());
    }

    static String passwordVariable(String user) {
        return "AGENT7_ES_" + user.substring("agent7_".length()).toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
    }

    private static void stopCluster(Path dir) {
        try (var nodes = Files.list(dir)) {
            nodes.filter(node -> node.getFileName().toString().startsWith("node-"))
                    .parallel()
                    .forEach(ElasticsearchNode::stop);
        } catch (java.nio.file.NoSuchFileException e) {
            // no cluster there
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String secret() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().encodeToString(random);
    }

    private static final Set<String> REPEATABLE = Set.of("jvm-option", "ip");

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "Expected --name value pairs after " + args[0] + ", got '" + args[i] + "'\n" + USAGE);
            }
            String name = args[i].substring(2);
            List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
            if (!values.isEmpty() && !REPEATABLE.contains(name)) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
            values.add(args[i + 1]);
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String name) {
        return optional(options, name)
                .orElseThrow(() -> new IllegalArgumentException("Missing --" + name + "\n" + USAGE));
    }

    private static java.util.Optional<String> optional(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
    }
}
