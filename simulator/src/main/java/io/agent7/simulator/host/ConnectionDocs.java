package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code network_connection} documents: listening sockets (from what runs) and established
 * connections, with the owning process, and the network and place of public addresses. A
 * Windows host's go through the Windows agent's own mapping (see {@link WindowsSockets}).
 */
final class ConnectionDocs {

    private ConnectionDocs() {}

    static List<ObjectNode> build(HostState h) {
        Map<Integer, Proc> byPid = new HashMap<>();
        for (Proc p : h.processes.all()) {
            byPid.put(p.pid(), p);
        }
        if (h.profile.windows) {
            return WindowsSockets.build(h, byPid, ConnectionDocs::remote);
        }
        List<ObjectNode> docs = new ArrayList<>();
        Listeners.forEach(h, socket -> {
            ObjectNode doc = Json.doc();
            ObjectNode network = doc.putObject("network");
            network.put("transport", socket.tcp() ? "tcp" : "udp");
            network.put("type", Listeners.ipv6(socket.bind()) ? "ipv6" : "ipv4");
            network.put("direction", "listening");
            ObjectNode source = doc.putObject("source");
            source.put("ip", Listeners.address(h.profile, socket.bind()));
            source.put("port", socket.port());
            if (socket.tcp()) {
                doc.putObject("network_connection").put("state", "listen");
            }
            owner(h, doc, socket.pid(), byPid.get(socket.pid()));
            docs.add(doc);
        });
        for (Conn c : h.connections) {
            ObjectNode doc = Json.doc();
            ObjectNode network = doc.putObject("network");
            network.put("transport", "tcp");
            network.put("type", "ipv4");
            network.put("direction", c.inbound() ? "inbound" : "outbound");
            ObjectNode source = doc.putObject("source");
            source.put("ip", Org.ipText(c.localIp()));
            source.put("port", c.localPort());
            ObjectNode destination = doc.putObject("destination");
            destination.put("ip", Org.ipText(c.remoteIp()));
            destination.put("port", c.remotePort());
            remote(destination, c);
            doc.putObject("network_connection").put("state", "established");
            owner(h, doc, c.pid(), byPid.get(c.pid()));
            docs.add(doc);
        }
        return docs;
    }

    private static void remote(ObjectNode destination, Conn c) {
        if (c.endpoint() >= 0) {
            RemoteEndpoints.Endpoint e = RemoteEndpoints.ALL.get(c.endpoint());
            destination.put("domain", e.domain());
            geo(destination, e.country(), e.city(), e.lat(), e.lon(), e.asn(), e.org());
            return;
        }
        if (c.remoteIp() == Org.AGENT7_SERVER) {
            destination.put("domain", "agent7." + Org.DNS_DOMAIN);
        }
        RemoteEndpoints.ClientNetwork client = RemoteEndpoints.clientNetwork(c.remoteIp());
        if (client != null) {
            geo(destination, client.country(), client.city(), client.lat(), client.lon(), client.asn(), client.org());
        }
    }

    private static void geo(
            ObjectNode destination, String country, String city, double lat, double lon, long asn, String org) {
        ObjectNode geo = destination.putObject("geo");
        geo.put("country_iso_code", country);
        geo.put("city_name", city);
        geo.putObject("location").put("lat", lat).put("lon", lon);
        ObjectNode as = destination.putObject("as");
        as.put("number", asn);
        as.putObject("organization").put("name", org);
    }

    private static void owner(HostState h, ObjectNode doc, int pid, Proc proc) {
        ObjectNode process = doc.putObject("process");
        process.put("pid", pid);
        if (proc == null) {
            return;
        }
        Program program = h.programs.get(proc.program());
        process.put("name", ProcessDocs.name(h, proc));
        if (program.hasImage()) {
            process.put("executable", ProcessVars.expand(program.path(), ProcessVars.of(h, proc, program, false)));
        }
        doc.putObject("user").put("name", h.principal(proc.user()).qualified());
    }
}
