package io.agent7.schema;

import static io.agent7.schema.FieldType.BOOLEAN;
import static io.agent7.schema.FieldType.DATE;

/** The server's own indices. Agents never write them; the ingest API does. */
final class ServerTypes {

    static final DataType ENROLLMENT = DataType.builder("enrollment")
            .description("One agent enrollment: the credentials an agent holds for a host.")
            .keyword("enrollment.machine_id", "The host's own machine id, as the agent reported it.")
            .keyword("enrollment.site_key_id", "The site key the agent enrolled with.")
            .keyword("enrollment.group", "The host group the site key put the host in.")
            .keyword("enrollment.refresh_token_hash", "SHA-256 of the agent's refresh credential.")
            .field("enrollment.enrolled_at", DATE, "When the agent enrolled.")
            .field("enrollment.revoked", BOOLEAN, "Whether these credentials were revoked.")
            .field("enrollment.revoked_at", DATE, "When they were revoked.")
            .keyword("enrollment.revoked_reason", "Why: re-enrollment, an admin, ...")
            .keyword("agent.version", "Version of the agent software.")
            .keyword("host.os.family", "OS family: linux, windows, macos.")
            .keyword("host.os.name", "OS name, e.g. Debian GNU/Linux.")
            .keyword("host.os.version", "OS version.")
            .keyword("host.os.kernel", "Kernel version.")
            .identity("agent.id")
            .build();

    static final DataType SITE_KEY = DataType.builder("site_key")
            .description("A site key: the shared secret hosts enroll with. Stored as a hash only.")
            .keyword("site_key.id", "Identifier of the key, derived from its hash.")
            .keyword("site_key.name", "Human name, e.g. the site it was made for.")
            .keyword("site_key.hash", "SHA-256 of the key.")
            .keyword("site_key.group", "Host group that hosts enrolling with it join.")
            .field("site_key.created_at", DATE, "When the key was created.")
            .field("site_key.revoked", BOOLEAN, "Whether the key was revoked.")
            .field("site_key.revoked_at", DATE, "When it was revoked.")
            .identity("site_key.id")
            .build();

    private ServerTypes() {
    }
}
