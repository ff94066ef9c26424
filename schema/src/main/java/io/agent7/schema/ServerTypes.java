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
            .index("agent7-alerts")
            .description("What a detection rule found, ECS-shaped for Kibana: the rule, the matching item's host,"
                    + " user, process and file fields, a reason, and the analysts' workflow.")
            .keyword(
                    "alert.id",
                    "Alert id: a hash of the rule id and version and what matched, so a retry or"
                            + " an overlapping window writes the same alert again instead of a second one.")
            .keyword("alert.status", "open, acknowledged or closed.")
            .keyword("alert.severity", "The rule's severity: low, medium, high or critical.")
            .caseless("alert.assignee", "Who works on it.")
            .field("alert.acknowledged_at", DATE, "When it was acknowledged.")
            .caseless("alert.acknowledged_by", "Who acknowledged it.")
            .field("alert.closed_at", DATE, "When it was closed.")
            .caseless("alert.closed_by", "Who closed it.")
            .keywordText("alert.closed_reason", "Why it was closed, e.g. false positive, resolved.")
            .field("alert.updated_at", DATE, "When its workflow fields last changed.")
            .nested("alert.notes", "Analysts' notes, oldest first.")
            .caseless("alert.notes.author", "Who wrote the note.")
            .field("alert.notes.at", DATE, "When it was written.")
            .longText("alert.notes.text", "The note.")
            .keyword("alert.rule_type", "The rule's type: query, threshold, new_terms or absence.")
            .keyword("alert.source_type", "Data type of the item that matched.")
            .keyword("alert.source_id", "Id of the item that matched, in its type's index.")
            .add(new Field(
                    "alert.source",
                    FieldType.FLATTENED,
                    "The matching item as it was when the alert was raised.",
                    Field.LONG_IGNORE_ABOVE,
                    false,
                    false,
                    null))
            .keyword("alert.group_fields", "The fields a threshold, new-terms or suppression rule groups by.")
            .keyword("alert.group_values", "Their values for this alert, in the same order.")
            .keyword("alert.suppression_key", "Hash of the grouping values that later matches add to.")
            .field(
                    "alert.count",
                    LONG,
                    "How many matches this alert stands for: the threshold's count, or 1"
                            + " plus the matches suppressed into it.")
            .field("alert.last_match_at", DATE, "When a match last added to it.")
            .field("alert.window_start", DATE, "Start of the rule run's window that raised it.")
            .field("alert.window_end", DATE, "End of that window.")
            .longText("alert.query", "The rule's query, as written.")
            .keyword("rule.id", "Id of the rule.")
            .keywordText("rule.name", "Name of the rule.")
            .keyword("rule.version", "Version of the rule that fired.")
            .keywordText("rule.description", "What the rule detects.")
            .keyword("rule.author", "Who wrote the rule.")
            .keyword("rule.reference", "Links to background.")
            .keyword("rule.ruleset", "Where the rule came from: builtin or custom.")
            .keyword("event.kind", "Always signal.")
            .field("event.severity", LONG, "Severity as a number: low 21, medium 47, high 73, critical 99.")
            .field("event.risk_score", FieldType.FLOAT, "The rule's risk score, 0 to 100.")
            .keywordText("event.reason", "One line on why it fired.")
            .keyword("tags", "The rule's tags.")
            .keyword("threat.framework", "MITRE ATT&CK.")
            .keyword("threat.tactic.id", "ATT&CK tactic ids, e.g. TA0003.")
            .keyword("threat.tactic.name", "ATT&CK tactic names, e.g. Persistence.")
            .keyword("threat.technique.id", "ATT&CK technique ids, e.g. T1053.005.")
            .keywordText("threat.technique.name", "ATT&CK technique names.")
            .caselessText("user.name", "The matching item's user.")
            .keyword("user.id", "That user's id.")
            .caseless("user.domain", "That user's domain.")
            .caselessText("process.name", "The matching item's process name.")
            .field("process.pid", LONG, "Its process id.")
            .caselessText("process.executable", "Its program's path.")
            .longText("process.command_line", "Its command line.")
            .caselessText("file.path", "The matching item's file path.")
            .caselessText("file.name", "Its file name.")
            .keyword("file.hash.sha256", "Its file's SHA-256.")
            .identity("alert.id")
            .build();

    static final DataType RULE = DataType.builder("rule")
            .index("agent7-rules")
            .description("A detection rule made through the API, one document per version: the current one under"
                    + " the rule's id, earlier ones under <id>@<version>.")
            .keyword("rule.id", "Rule id.")
            .keywordText("rule.name", "Name.")
            .keyword("rule.version", "Version, 1 and up, bumped on each change.")
            .keywordText("rule.description", "What it detects and why it matters.")
            .keyword("rule.author", "Author.")
            .keyword("rule.ruleset", "Where it came from: builtin or custom.")
            .keyword("rule_spec.type", "query, threshold, new_terms or absence.")
            .keyword("rule_spec.severity", "low, medium, high or critical.")
            .field("rule_spec.enabled", BOOLEAN, "Whether it runs.")
            .field("rule_spec.current", BOOLEAN, "Whether this document is the rule's current version.")
            .field("rule_spec.deleted", BOOLEAN, "Whether the rule was deleted (its versions are kept).")
            .field("rule_spec.updated_at", DATE, "When this version was saved.")
            .caseless("rule_spec.updated_by", "Who saved it.")
            .field("rule_spec.definition", FieldType.TEXT, "The rule as YAML, in the format of the built-in pack.")
            .keyword("tags", "Tags.")
            .keyword("threat.tactic.id", "ATT&CK tactic ids.")
            .keyword("threat.technique.id", "ATT&CK technique ids.")
            .identity("rule.id", "rule.version")
            .build();

    static final DataType RULE_RUN = DataType.builder("rule_run")
            .index("agent7-rule-runs")
            .description("One run of a detection rule: its window, what it found, how long it took, how late it"
                    + " started, and its error if it failed. @timestamp is when it started.")
            .keyword("rule_run.id", "Run id.")
            .keyword("rule.id", "The rule.")
            .keyword("rule.version", "The rule's version.")
            .keyword("rule_run.instance", "The detections instance that ran it.")
            .keyword("rule_run.trigger", "schedule, catch_up or manual.")
            .keyword("rule_run.outcome", "success or failure.")
            .field("rule_run.window_start", DATE, "Start of the window it searched.")
            .field("rule_run.window_end", DATE, "End of that window.")
            .field("rule_run.duration_ms", LONG, "How long it took.")
            .field("rule_run.lag_ms", LONG, "How late it started after it was due.")
            .field("rule_run.hits", LONG, "Documents or groups that matched.")
            .field("rule_run.alerts", LONG, "Alerts it wrote (new ones and ones it added to).")
            .field("rule_run.suppressed", LONG, "Matches added to an earlier alert instead of raising one.")
            .field("rule_run.truncated", BOOLEAN, "Whether it stopped at the rule's max alerts per run.")
            .longText("rule_run.error", "Why it failed.")
            .field("rule_run.gap_start", DATE, "Start of a span it could not cover (too far back to catch up).")
            .field("rule_run.gap_end", DATE, "End of that span.")
            .identity("rule_run.id")
            .build();

    static final DataType RULE_STATE = DataType.builder("rule_state")
            .index("agent7-rule-state")
            .description("Where each rule stands: who holds its lease, the end of the last window it covered,"
                    + " and its failures. One document per rule, changed only with if_seq_no/if_primary_term.")
            .keyword("rule_state.rule_id", "The rule.")
            .keyword("rule.version", "The rule version its failures and flag are about.")
            .keyword("rule_state.owner", "The detections instance holding the lease.")
            .field("rule_state.lease_until", DATE, "When the lease ends unless renewed.")
            .field(
                    "rule_state.checkpoint",
                    DATE,
                    "End of the last window covered: the next starts here, less the overlap.")
            .field("rule_state.failures", LONG, "Failed runs in a row.")
            .field("rule_state.retry_at", DATE, "When a failing rule is tried again.")
            .field("rule_state.flagged", BOOLEAN, "Whether it failed too often in a row to be retried on schedule.")
            .longText("rule_state.last_error", "The last run's error.")
            .field("rule_state.last_run_at", DATE, "When it last ran.")
            .field("rule_state.run_requested_at", DATE, "When someone asked for a run now.")
            .identity("rule_state.rule_id")
            .build();

    static final DataType COMMAND = DataType.builder("command")
            .index("agent7-commands")
            .description("A response command to one host: who asked, what it does, where it is, how it ended."
                    + " Its output is in command_output.")
            .keyword("command.id", "Command id: one per host.")
            .keyword("command.request_id", "Id shared by the commands of one request to several hosts.")
            .keyword(
                    "command.action",
                    "process_list, kill_process, file_info, get_file, list_directory, collect_now, run.")
            .keywordText("command.argv", "For run: the executable and its arguments, each as given.")
            .field("command.params", FieldType.FLATTENED, "The built-in action's parameters (pid, start, path, type).")
            .field("command.shell", BOOLEAN, "Whether run goes through the system shell.")
            .keyword(
                    "command.state",
                    "awaiting_approval, queued, delivered, running, done, failed, timed_out, refused, cancelled,"
                            + " expired.")
            .keyword("command.signed", "The command as the server signed it (a compact JWS), as the agent gets it.")
            .field("command.timeout_ms", LONG, "Its timeout: the process tree is killed at the end of it.")
            .field("command.output_cap", LONG, "Output bytes kept; more is cut.")
            .field("command.created_at", DATE, "When it was requested.")
            .field("command.expires_at", DATE, "After it, an undelivered command is never run.")
            .field("command.delivered_at", DATE, "When an agent took it.")
            .field("command.started_at", DATE, "When the agent started it.")
            .field("command.finished_at", DATE, "When it ended, was refused, cancelled or expired.")
            .field("command.exit_code", LONG, "Exit code.")
            .field("command.truncated", BOOLEAN, "Whether output was cut at the cap.")
            .field("command.output_bytes", LONG, "Output bytes the agent sent.")
            .keyword("command.output_sha256", "SHA-256 of all the output: a fetched file's hash, the result digest.")
            .keyword(
                    "command.refusal",
                    "Why the agent refused it: bad_signature, expired, replayed, not_allowed_on_host, ...")
            .longText("command.message", "What the agent said about how it ended.")
            .longText("command.reason", "Why the responder asked for it, in their words.")
            .keyword("command.query", "The query whose hosts it went to, frozen to a host list when requested.")
            .keyword("command.approved_by", "Who approved it, for a command that needed a second responder.")
            .field("command.approved_at", DATE, "When it was approved.")
            .keyword(
                    "command.cancel_requested_by",
                    "Who cancelled it after its host took it: the agent stops it and reports it cancelled.")
            .field("command.cancel_requested_at", DATE, "When it was cancelled after its host took it.")
            .caselessText("user.name", "Who requested it.")
            .identity("command.id")
            .build();

    static final DataType COMMAND_OUTPUT = DataType.builder("command_output")
            .index("agent7-command-output")
            .description("One chunk of a command's output, in the order the agent sent it.")
            .keyword("command.id", "The command.")
            .field("command_output.seq", LONG, "The chunk's place: 0, 1, 2, ...")
            .keyword("command_output.data", "The chunk's bytes, base64.")
            .field("command_output.size", LONG, "The chunk's size in bytes.")
            .identity("command.id", "command_output.seq")
            .build();

    static final DataType AUDIT = DataType.builder("audit")
            .description("Who did what: logins, admin changes, remote commands, refused agent writes.")
            .keyword("audit.id", "Record id: its place in the chain, zero-padded.")
            .field("audit.seq", FieldType.LONG, "Its place in the chain: 1, 2, 3, ... with no gap.")
            .keyword("audit.prev_hash", "SHA-256 (hex) of the record before it; 64 zeros for the first.")
            .keyword("audit.hash", "SHA-256 (hex) of this record's content: every field but this one, keys sorted.")
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
            ENROLLMENT,
            SITE_KEY,
            ALERT,
            RULE,
            RULE_RUN,
            RULE_STATE,
            COMMAND,
            COMMAND_OUTPUT,
            AUDIT,
            ACCOUNT,
            API_TOKEN,
            SAVED_SEARCH,
            POLICY,
            ITEM_TYPE);

    private ServerTypes() {}
}
