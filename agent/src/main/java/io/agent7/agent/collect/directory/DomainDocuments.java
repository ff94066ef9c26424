package io.agent7.agent.collect.directory;

import com.unboundid.ldap.sdk.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the domain object, its controllers and its trusts to {@code ad_domain} documents: one of
 * kind {@code domain}, and one of kind {@code domain_controller} per controller.
 */
public final class DomainDocuments {

    /** The attributes of the domain object (the naming context's head) that {@link #domain} reads. */
    public static final List<String> DOMAIN_ATTRIBUTES = List.of(
            "objectSid",
            "minPwdLength",
            "maxPwdAge",
            "minPwdAge",
            "pwdHistoryLength",
            "pwdProperties",
            "lockoutThreshold",
            "lockoutDuration",
            "lockOutObservationWindow",
            "ms-DS-MachineAccountQuota",
            "fSMORoleOwner",
            "gPLink");

    /** The attributes of {@code trustedDomain} objects that {@link #domain} reads. */
    public static final List<String> TRUST_ATTRIBUTES = List.of("trustPartner", "trustDirection", "trustType");

    /**
     * A domain controller, from its server and NTDS Settings objects in the configuration partition.
     *
     * @param roles the FSMO roles it holds: pdc, rid, infrastructure, schema, naming
     */
    public record Controller(
            String name, List<String> addresses, String site, List<String> roles, boolean globalCatalog, String os) {}

    /**
     * What the domain's own documents say of it beyond its object's attributes.
     *
     * @param forest                 DNS name of the forest root domain
     * @param domainFunctionality    the root DSE's domainFunctionality
     * @param forestFunctionality    the root DSE's forestFunctionality
     */
    public record Facts(
            String forest,
            Long domainFunctionality,
            Long forestFunctionality,
            List<Controller> controllers,
            List<Entry> trusts) {}

    private DomainDocuments() {}

    /** The {@code domain} document, then one {@code domain_controller} document per controller. */
    public static List<ObjectNode> documents(Entry domainEntry, AdDocuments.Domain domain, Facts facts) {
        List<ObjectNode> documents = new ArrayList<>();
        Long pwdProperties = AdValues.number(domainEntry, "pwdProperties");
        List<String> partners = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Entry trust : facts.trusts()) {
            partners.add(trust.getAttributeValue("trustPartner"));
            directions.add(direction(AdValues.number(trust, "trustDirection")));
            types.add(trustType(AdValues.number(trust, "trustType")));
        }
        documents.add(new AdDoc()
                .text("ad_domain.kind", "domain")
                .text("ad_domain.name", domain.dns())
                .text("ad_domain.netbios_name", domain.netbios())
                .text("ad_domain.sid", domain.sid())
                .text("ad_domain.forest", facts.forest())
                .text("ad_domain.functional_level", functionalLevel(facts.domainFunctionality()))
                .text("ad_domain.forest_functional_level", functionalLevel(facts.forestFunctionality()))
                .text("ad_domain.distinguished_name", domain.baseDn())
                .number("ad_domain.min_password_length", AdValues.number(domainEntry, "minPwdLength"))
                .number(
                        "ad_domain.max_password_age_days",
                        days(AdValues.interval(domainEntry.getAttributeValue("maxPwdAge"))))
                .number(
                        "ad_domain.min_password_age_days",
                        days(AdValues.interval(domainEntry.getAttributeValue("minPwdAge"))))
                .number("ad_domain.password_history_length", AdValues.number(domainEntry, "pwdHistoryLength"))
                .bool("ad_domain.password_complexity", pwdProperties == null ? null : (pwdProperties & 1) != 0)
                .number("ad_domain.lockout_threshold", AdValues.number(domainEntry, "lockoutThreshold"))
                .number(
                        "ad_domain.lockout_duration_minutes",
                        minutes(AdValues.interval(domainEntry.getAttributeValue("lockoutDuration"))))
                .number(
                        "ad_domain.lockout_window_minutes",
                        minutes(AdValues.interval(domainEntry.getAttributeValue("lockOutObservationWindow"))))
                .number("ad_domain.machine_account_quota", AdValues.number(domainEntry, "ms-DS-MachineAccountQuota"))
                .texts("ad_domain.trust.partner", partners)
                .texts("ad_domain.trust.direction", directions)
                .texts("ad_domain.trust.type", types)
                .texts(
                        "ad_domain.controllers",
                        facts.controllers().stream().map(Controller::name).toList())
                .build());
        for (Controller dc : facts.controllers()) {
            documents.add(new AdDoc()
                    .text("ad_domain.kind", "domain_controller")
                    .text("ad_domain.name", domain.dns())
                    .text("ad_domain.netbios_name", domain.netbios())
                    .text("ad_domain.sid", domain.sid())
                    .text("ad_domain.forest", facts.forest())
                    .text("ad_domain.dc.name", dc.name())
                    .texts("ad_domain.dc.ip", dc.addresses())
                    .text("ad_domain.dc.site", dc.site())
                    .texts("ad_domain.dc.roles", dc.roles())
                    .bool("ad_domain.dc.global_catalog", dc.globalCatalog())
                    .text("ad_domain.dc.os", dc.os())
                    .build());
        }
        return documents;
    }

    /** msDS-Behavior-Version as the Windows Server release that introduced it. */
    static String functionalLevel(Long level) {
        if (level == null) {
            return null;
        }
        return switch (level.intValue()) {
            case 0 -> "2000";
            case 1 -> "2003_interim";
            case 2 -> "2003";
            case 3 -> "2008";
            case 4 -> "2008r2";
            case 5 -> "2012";
            case 6 -> "2012r2";
            case 7 -> "2016";
            case 10 -> "2025";
            default -> "level_" + level;
        };
    }

    private static String direction(Long value) {
        if (value == null) {
            return "unknown";
        }
        return switch (value.intValue()) {
            case 0 -> "disabled";
            case 1 -> "inbound";
            case 2 -> "outbound";
            case 3 -> "bidirectional";
            default -> "unknown";
        };
    }

    private static String trustType(Long value) {
        if (value == null) {
            return "unknown";
        }
        return switch (value.intValue()) {
            case 1 -> "downlevel";
            case 2 -> "uplevel";
            case 3 -> "mit";
            case 4 -> "dce";
            default -> "unknown";
        };
    }

    private static Long days(Duration duration) {
        return duration == null ? null : duration.toDays();
    }

    private static Long minutes(Duration duration) {
        return duration == null ? null : duration.toMinutes();
    }
}
