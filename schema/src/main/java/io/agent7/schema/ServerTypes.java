package io.agent7.schema;

import static io.agent7.schema.FieldType.BOOLEAN;
import static io.agent7.schema.FieldType.DATE;
import static io.agent7.schema.FieldType.LONG;

import java.util.List;

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
            .keywordText("host.os.name", "OS name, e.g. Debian GNU/Linux.")
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

    static final DataType ALERT = DataType.builder("alert")
            .description("What a detection rule found: one alert per rule, host and suppression key in a window.")
            .keyword("alert.id", "Alert id.")
            .keyword("alert.status", "open, acknowledged, closed.")
            .caseless("alert.assignee", "Who works on it.")
            .keyword("alert.suppression_key", "Value of the rule's grouping fields; one open alert per key.")
            .field("alert.window_start", DATE, "Start of the rule window the alert is for.")
            .field("alert.window_end", DATE, "End of that window.")
            .keyword("alert.source_type", "Data type the rule searched.")
            .keyword("alert.source_ids", "Ids of the matching documents (the first 100).")
            .field("alert.match_count", LONG, "How many documents matched.")
            .keywordText("alert.query", "The compiled query, for the record.")
            .keywordText("alert.note", "Analyst notes.")
            .field("alert.closed_at", DATE, "When it was closed.")
            .keyword("rule.id", "Id of the rule.")
            .keyword("rule.name", "Name of the rule.")
            .keyword("rule.version", "Version of the rule that fired.")
            .keyword("event.kind", "Always alert.")
            .field("event.severity", LONG, "Severity, 0 (lowest) to 100.")
            .keyword("event.reason", "One line on why it fired.")
            .identity("alert.id")
            .build();

    static final DataType RULE = DataType.builder("rule")
            .description("A detection rule: a scheduled search and what to do with its matches.")
            .keyword("rule.id", "Rule id.")
            .keyword("rule.name", "Name.")
            .keyword("rule.description", "What it detects and why it matters.")
            .keyword("rule.version", "Version, bumped on each change.")
            .keyword("rule.author", "Author.")
            .keyword("rule.reference", "Link to background.")
            .keyword("rule.ruleset", "Where it came from: builtin, custom, sigma.")
            .keyword("rule.category", "Category, e.g. persistence or privilege_escalation.")
            .field("rule_spec.schema_version", LONG, "Version of the rule format.")
            .field("rule_spec.enabled", BOOLEAN, "Whether it runs.")
            .keyword("rule_spec.target_type", "Data type it searches.")
            .keyword("rule_spec.language", "dsl, lucene or sigma.")
            .keywordText("rule_spec.query", "The query as written.")
            .keyword("rule_spec.interval", "How often it runs, e.g. 5m.")
            .keyword("rule_spec.lookback", "How far back each run looks, e.g. 10m.")
            .keyword("rule_spec.group_by", "Fields whose values make one alert each.")
            .field("rule_spec.severity", LONG, "Severity of its alerts, 0 to 100.")
            .keyword("rule_spec.tags", "Tags, e.g. attack.t1053.")
            .field("rule_spec.last_run", DATE, "When it last ran.")
            .keyword("rule_spec.last_outcome", "success or failure, with the error.")
            .identity("rule.id")
            .build();

    static final DataType COMMAND = DataType.builder("command")
            .description("A remote shell command to one host: who asked, what ran, what came back.")
            .keyword("command.id", "Command id.")
            .keyword("command.batch_id", "Id shared by the commands of one request to several hosts.")
            .longText("command.text", "The command line as requested.")
            .keyword("command.shell", "Shell: cmd, powershell, sh.")
            .keyword("command.status", "queued, sent, running, done, failed, denied, expired.")
            .field("command.exit_code", LONG, "Exit code.")
            .field("command.stdout", FieldType.TEXT, "Standard output (truncated to the limit).")
            .field("command.stderr", FieldType.TEXT, "Standard error (truncated to the limit).")
            .field("command.truncated", BOOLEAN, "Whether output was cut at the limit.")
            .field("command.requested_at", DATE, "When it was requested.")
            .field("command.started_at", DATE, "When the agent started it.")
            .field("command.finished_at", DATE, "When it finished.")
            .keyword("command.denied_reason", "Why the server or the agent refused it.")
            .caselessText("user.name", "Who requested it.")
            .identity("command.id")
            .build();

    static final DataType AUDIT = DataType.builder("audit")
            .description("Who did what: logins, admin changes, remote commands, refused agent writes.")
            .keyword("audit.id", "Record id.")
            .keyword("event.action", "What happened, e.g. login, site_key.create, command.run, ingest.other_host.")
            .keyword("event.outcome", "success or failure.")
            .keyword("event.reason", "Why, for failures.")
            .caselessText("user.name", "Who did it: a console user, or an agent id for agent actions.")
            .keyword("user.roles", "Their roles at the time.")
            .field("source.ip", FieldType.IP, "Where the request came from.")
            .keyword("audit.target", "What it was done to: a host id, a rule id, a site key id, ...")
            .field("audit.details", FieldType.FLATTENED, "Details of the action.")
            .identity("audit.id")
            .build();

    static final DataType ACCOUNT = DataType.builder("account")
            .description("A person's account for the console and the APIs. Passwords are kept as bcrypt hashes.")
            .caseless("account.name", "Login name.")
            .keyword("account.password_hash", "bcrypt hash of the password, with its {bcrypt} prefix.")
            .keyword("account.roles", "Roles: viewer, analyst, responder, admin.")
            .field("account.enabled", BOOLEAN, "Whether the account may log in.")
            .field("account.created_at", DATE, "When it was created.")
            .keyword("account.allowed_commands", "Remote shell commands this account may run, beyond its roles'.")
            .identity("account.name")
            .build();

    static final DataType API_TOKEN = DataType.builder("api_token")
            .description("A personal API token an admin issued for scripts. Only a hash of its secret is kept;"
                    + " the token is shown once, when issued.")
            .keyword("api_token.id", "Identifier of the token, the part of it before the secret.")
            .keyword("api_token.name", "What it is for, e.g. the script that uses it.")
            .caseless("api_token.owner", "The person it acts for: audit records name them.")
            .keyword("api_token.roles", "Roles it carries: viewer, analyst, responder, admin.")
            .keyword("api_token.hash", "SHA-256 of the token's secret.")
            .caseless("api_token.issued_by", "The admin who issued it.")
            .field("api_token.created_at", DATE, "When it was issued.")
            .field("api_token.expires_at", DATE, "When it stops working, if ever.")
            .field("api_token.revoked", BOOLEAN, "Whether it was revoked.")
            .field("api_token.revoked_at", DATE, "When it was revoked.")
            .caseless("api_token.revoked_by", "Who revoked it.")
            .identity("api_token.id")
            .build();

    static final DataType SAVED_SEARCH = DataType.builder("saved_search")
            .description("A search an analyst saved from the console: private to its owner or shared.")
            .keyword("saved_search.id", "Identifier.")
            .keyword("saved_search.name", "Its name.")
            .caseless("saved_search.owner", "Who saved it; only they change or delete it.")
            .field("saved_search.shared", BOOLEAN, "Whether every analyst sees it.")
            .keyword("saved_search.type", "The data type it searches.")
            .keywordText("saved_search.query", "The query, in the syntax it was written in.")
            .keyword("saved_search.syntax", "dsl or lucene.")
            .field("saved_search.dashboard", BOOLEAN, "Whether it is a tile of the dashboard.")
            .field("saved_search.created_at", DATE, "When it was saved.")
            .field("saved_search.updated_at", DATE, "When it last changed.")
            .identity("saved_search.id")
            .build();

    static final DataType POLICY = DataType.builder("policy")
            .description("What the agents of one host group collect and how often; stored as JSON, validated on write.")
            .keyword("policy.group", "The host group it is for.")
            .field("policy.version", LONG, "Version, bumped on each change; agents report the one they run.")
            .field("policy.updated_at", DATE, "When it last changed.")
            .caseless("policy.updated_by", "Who changed it.")
            .field("policy.spec", FieldType.FLATTENED, "The policy itself: collectors, intervals, registry keys.")
            .identity("policy.group")
            .build();

    static final DataType ITEM_TYPE = DataType.builder("item_type")
            .description("That a host has had items of a data type: one record per host and type, written"
                    + " with the pair's first batch, so that the host's first snapshot of the type needs no"
                    + " search for items gone.")
            .keyword("item_type.name", "The data type the host has had items of.")
            .identity(CommonFields.HOST_ID, "item_type.name")
            .build();

    static final List<DataType> ALL = List.of(
            ENROLLMENT, SITE_KEY, ALERT, RULE, COMMAND, AUDIT, ACCOUNT, API_TOKEN, SAVED_SEARCH, POLICY, ITEM_TYPE);

    private ServerTypes() {}
}
