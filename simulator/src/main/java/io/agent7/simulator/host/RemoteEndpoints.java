package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Public services hosts talk to, with the address, network and place a collector or an
 * enrichment step would report, and the consumer networks web clients come from.
 */
final class RemoteEndpoints {

    /** One public address. {@code group} says which programs use it. */
    record Endpoint(
            String group,
            String domain,
            int ip,
            int port,
            String country,
            String city,
            double lat,
            double lon,
            long asn,
            String org) {}

    /** A consumer ISP's block, for inbound clients of public web servers. */
    record ClientNetwork(int prefix, long asn, String org, String country, String city, double lat, double lon) {}

    private static final String TABLE = """
            # group | domain | address | port | country | city | lat | lon | AS | organisation
            web|www.google.com|142.250.185.68|443|US|Mountain View|37.4056|-122.0775|15169|Google LLC
            web|mail.google.com|142.250.186.37|443|US|Mountain View|37.4056|-122.0775|15169|Google LLC
            web|www.youtube.com|142.250.184.238|443|US|Mountain View|37.4056|-122.0775|15169|Google LLC
            web|fonts.gstatic.com|142.250.185.99|443|US|Mountain View|37.4056|-122.0775|15169|Google LLC
            web|cdnjs.cloudflare.com|104.17.24.14|443|US|San Francisco|37.7749|-122.4194|13335|Cloudflare, Inc.
            web|stackoverflow.com|104.18.32.7|443|US|San Francisco|37.7749|-122.4194|13335|Cloudflare, Inc.
            web|www.wikipedia.org|185.15.59.224|443|NL|Amsterdam|52.3676|4.9041|14907|Wikimedia Foundation Inc.
            web|www.linkedin.com|13.107.42.14|443|US|Redmond|47.6740|-122.1215|8068|Microsoft Corporation
            web|github.com|140.82.121.4|443|DE|Frankfurt am Main|50.1109|8.6821|36459|GitHub, Inc.
            web|api.github.com|140.82.121.6|443|DE|Frankfurt am Main|50.1109|8.6821|36459|GitHub, Inc.
            web|www.microsoft.com|23.38.140.106|443|NL|Amsterdam|52.3676|4.9041|16625|Akamai Technologies, Inc.
            web|www.amazon.com|52.94.236.248|443|US|Ashburn|39.0438|-77.4874|16509|Amazon.com, Inc.
            web|login.microsoftonline.com|20.190.159.64|443|IE|Dublin|53.3498|-6.2603|8075|Microsoft Corporation
            google|update.googleapis.com|142.250.181.227|443|US|Mountain View|37.4056|-122.0775|15169|Google LLC
            edge|edge.microsoft.com|13.107.21.239|443|US|Redmond|47.6740|-122.1215|8068|Microsoft Corporation
            m365|outlook.office365.com|52.97.183.162|443|NL|Amsterdam|52.3676|4.9041|8075|Microsoft Corporation
            m365|outlook.office.com|52.97.219.130|443|NL|Amsterdam|52.3676|4.9041|8075|Microsoft Corporation
            teams|teams.microsoft.com|52.113.194.132|443|IE|Dublin|53.3498|-6.2603|8075|Microsoft Corporation
            teams|api.spaces.skype.com|52.114.128.70|443|IE|Dublin|53.3498|-6.2603|8075|Microsoft Corporation
            onedrive|corp-my.sharepoint.com|13.107.136.10|443|US|Redmond|47.6740|-122.1215|8068|Microsoft Corporation
            wns|client.wns.windows.com|20.199.120.85|443|FR|Paris|48.8566|2.3522|8075|Microsoft Corporation
            defender|wdcp.microsoft.com|20.42.73.29|443|US|Boydton|36.6676|-78.3875|8075|Microsoft Corporation
            telemetry|v10.events.data.microsoft.com|20.189.173.1|443|US|Quincy|47.2343|-119.8526|8075|Microsoft Corporation
            slack|wss-primary.slack.com|3.75.12.44|443|DE|Frankfurt am Main|50.1109|8.6821|16509|Amazon.com, Inc.
            zoom|zoom.us|170.114.52.2|443|US|San Jose|37.3382|-121.8863|30103|Zoom Video Communications, Inc.
            debian|deb.debian.org|151.101.2.132|80|US|San Francisco|37.7749|-122.4194|54113|Fastly, Inc.
            debian|security.debian.org|151.101.194.132|80|US|San Francisco|37.7749|-122.4194|54113|Fastly, Inc.
            ubuntu|archive.ubuntu.com|91.189.91.82|80|GB|London|51.5072|-0.1276|41231|Canonical Group Limited
            ubuntu|security.ubuntu.com|185.125.190.39|80|GB|London|51.5072|-0.1276|41231|Canonical Group Limited
            snap|api.snapcraft.io|185.125.188.58|443|GB|London|51.5072|-0.1276|41231|Canonical Group Limited
            docker|registry-1.docker.io|54.196.99.49|443|US|Ashburn|39.0438|-77.4874|14618|Amazon.com, Inc.
            """;

    static final List<Endpoint> ALL = parse();
    private static final Map<String, int[]> BY_GROUP = groups();

    static final List<ClientNetwork> CLIENTS = List.of(
            new ClientNetwork(Org.ip(84, 150, 0, 0), 3320, "Deutsche Telekom AG", "DE", "Berlin", 52.5200, 13.4050),
            new ClientNetwork(
                    Org.ip(86, 140, 0, 0),
                    2856,
                    "British Telecommunications PLC",
                    "GB",
                    "Manchester",
                    53.4808,
                    -2.2426),
            new ClientNetwork(
                    Org.ip(73, 92, 0, 0),
                    7922,
                    "Comcast Cable Communications, LLC",
                    "US",
                    "Chicago",
                    41.8781,
                    -87.6298),
            new ClientNetwork(Org.ip(2, 6, 0, 0), 3215, "Orange S.A.", "FR", "Lyon", 45.7640, 4.8357),
            new ClientNetwork(Org.ip(77, 160, 0, 0), 1136, "KPN B.V.", "NL", "Utrecht", 52.0907, 5.1214),
            new ClientNetwork(Org.ip(98, 210, 0, 0), 701, "Verizon Business", "US", "Dallas", 32.7767, -96.7970));

    private RemoteEndpoints() {}

    /** The endpoint indices of a group. */
    static int[] group(String name) {
        int[] indices = BY_GROUP.get(name);
        if (indices == null) {
            throw new IllegalArgumentException("No endpoint group " + name);
        }
        return indices;
    }

    private static List<Endpoint> parse() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String[] row : Catalog.rows(TABLE, 10)) {
            String[] octets = row[2].split("\\.");
            int ip = Org.ip(
                    Integer.parseInt(octets[0]),
                    Integer.parseInt(octets[1]),
                    Integer.parseInt(octets[2]),
                    Integer.parseInt(octets[3]));
            endpoints.add(new Endpoint(
                    row[0],
                    row[1],
                    ip,
                    Integer.parseInt(row[3]),
                    row[4],
                    row[5],
                    Double.parseDouble(row[6]),
                    Double.parseDouble(row[7]),
                    Long.parseLong(row[8]),
                    row[9]));
        }
        return List.copyOf(endpoints);
    }

    private static Map<String, int[]> groups() {
        Map<String, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < ALL.size(); i++) {
            lists.computeIfAbsent(ALL.get(i).group(), g -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> groups = new HashMap<>();
        lists.forEach((group, indices) ->
                groups.put(group, indices.stream().mapToInt(Integer::intValue).toArray()));
        return groups;
    }

    /** The network a public client address belongs to, or null. */
    static ClientNetwork clientNetwork(int ip) {
        for (ClientNetwork n : CLIENTS) {
            if ((ip & 0xFFFF0000) == n.prefix()) {
                return n;
            }
        }
        return null;
    }
}
