package io.agent7.packages;

import java.nio.file.Path;

/**
 * The four packages and where each puts things: agent7-NAME holds /usr/share/agent7/NAME/NAME.jar,
 * the unit agent7-NAME.service, its settings in /etc/agent7 and its state in /var/lib/agent7/NAME.
 */
enum DebianPackage {
    AGENT("agent", "agent.properties", false),
    INGEST_API("ingest-api", "ingest-api.env", true),
    CONSOLE("console", "console.env", true),
    DETECTIONS("detections", "detections.env", true);

    /** The user the services run as, and the group that may read their settings. */
    static final String SERVICE_USER = "agent7";

    private final String name;
    private final String configFile;
    private final boolean service;

    DebianPackage(String name, String configFile, boolean service) {
        this.name = name;
        this.configFile = configFile;
        this.service = service;
    }

    /** A Maven version as Debian's: -SNAPSHOT sorts before the release as ~SNAPSHOT (0.1.0~SNAPSHOT < 0.1.0). */
    static String debianVersion(String mavenVersion) {
        return mavenVersion.replace("-SNAPSHOT", "~SNAPSHOT");
    }

    String packageName() {
        return "agent7-" + name;
    }

    Path deb(Path dir, String debianVersion) {
        return dir.resolve(packageName() + "_" + debianVersion + "_all.deb");
    }

    Path jar() {
        return Path.of("/usr/share/agent7", name, name + ".jar");
    }

    Path unit() {
        return Path.of("/lib/systemd/system", packageName() + ".service");
    }

    Path config() {
        return Path.of("/etc/agent7", configFile);
    }

    Path stateDir() {
        return Path.of("/var/lib/agent7", name);
    }

    /** A server service, run as {@link #SERVICE_USER}; the agent runs as root. */
    boolean service() {
        return service;
    }

    /** The settings' mode as the package ships them: the services' hold secrets (postinst gives them the group). */
    String configMode() {
        return service ? "-rw-r-----" : "-rw-r--r--";
    }

    @Override
    public String toString() {
        return packageName();
    }
}
