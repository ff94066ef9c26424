package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** CUPS print queues, from /etc/cups/printers.conf (readable by root only). */
public final class PrinterCollector implements Collector {

    private static final Set<String> NETWORK_SCHEMES =
            Set.of("ipp", "ipps", "socket", "lpd", "http", "https", "smb", "dnssd");
    private static final Map<String, String> STATES =
            Map.of("idle", "idle", "processing", "printing", "stopped", "stopped");

    private final Root root;

    private final DataType type;

    public PrinterCollector(Schema schema, Path root) {
        this.type = schema.require("printer");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        String text = Root.read(root.at("/etc/cups/printers.conf"));
        return text == null ? List.of() : parse(text);
    }

    /** Blocks from {@code <Printer name>} or {@code <DefaultPrinter name>} to {@code </Printer>}, one "Key value" a line. */
    static List<ObjectNode> parse(String text) {
        List<ObjectNode> printers = new ArrayList<>();
        String name = null;
        boolean isDefault = false;
        Map<String, String> settings = new HashMap<>();
        for (String raw : Root.splitLines(text)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("<Printer ") || line.startsWith("<DefaultPrinter ")) {
                isDefault = line.startsWith("<Default");
                name = line.substring(line.indexOf(' ') + 1, line.length() - (line.endsWith(">") ? 1 : 0))
                        .strip();
                settings.clear();
            } else if (line.startsWith("</Printer") || line.startsWith("</DefaultPrinter")) {
                if (name != null && !name.isEmpty()) {
                    printers.add(printer(name, isDefault, settings));
                }
                name = null;
            } else if (name != null) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    settings.put(
                            line.substring(0, space), line.substring(space + 1).strip());
                }
            }
        }
        return printers;
    }

    private static ObjectNode printer(String name, boolean isDefault, Map<String, String> settings) {
        String uri = withoutCredentials(settings.get("DeviceURI"));
        String scheme = uri == null || uri.indexOf(':') < 0
                ? null
                : uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT);
        Boolean shared = IniFile.bool(settings.get("Shared"));
        String state = settings.get("State");
        return new Doc()
                .text("printer.name", name)
                .text("printer.description", settings.get("Info"))
                .text("printer.location", settings.get("Location"))
                .text("printer.port", uri)
                .text("printer.driver", settings.get("MakeModel"))
                .text("printer.status", state == null ? null : STATES.get(state.toLowerCase(Locale.ROOT)))
                .bool("printer.shared", shared)
                .text("printer.share_name", Boolean.TRUE.equals(shared) ? name : null)
                .bool("printer.default", isDefault)
                .bool("printer.network", scheme == null ? null : NETWORK_SCHEMES.contains(scheme))
                .build();
    }

    /** A device URI may carry a password (smb://user:secret@host/queue): it is never sent on. */
    static String withoutCredentials(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int hostStart = scheme + 3;
        int slash = uri.indexOf('/', hostStart);
        int at = uri.lastIndexOf('@', slash < 0 ? uri.length() : slash);
        return at >= hostStart ? uri.substring(0, hostStart) + uri.substring(at + 1) : uri;
    }
}
