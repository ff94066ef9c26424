package io.agent7.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One kind of thing Agent7 collects or keeps, with its own index {@code agent7-<name>}.
 * Holds the type's own fields; the fields every document carries are in {@link CommonFields}.
 *
 * @param name        the type's name, e.g. {@code process}; also the index suffix
 * @param description one sentence for the docs
 * @param fields      the type's own fields, by name, in declaration order
 * @param identity    the fields whose change makes it a different item, in hashing order
 * @param aliases     other names the type answers to (the original Agent7's, say)
 * @param series      a time series (samples) rather than state: every document is a new
 *                    sample, and a full snapshot never marks earlier samples removed. A series
 *                    is written to daily indices ({@code agent7-<name>-2026.12.07}, by the day
 *                    of its one date identity field) behind an alias named like the other
 *                    types' indices, so retention deletes whole days
 * @param optionalIdentity identity fields an item may lack (a listening socket has no remote
 *                    address); a missing one hashes as "no value", the others must be set
 * @param index       the index that holds the type's documents: {@code agent7-<name>} unless
 *                    the type names its own (the services' indices, e.g. {@code agent7-alerts})
 * @param domainKey   for a type that describes a domain rather than a host (Active Directory),
 *                    the field naming the domain (its DNS name): the documents are that
 *                    domain's, keyed and routed by it, so two agents collecting the same domain
 *                    write the same documents; null for host types
 */
public record DataType(
        String name,
        String description,
        Map<String, Field> fields,
        List<String> identity,
        Set<String> aliases,
        boolean series,
        Set<String> optionalIdentity,
        String index,
        String domainKey) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern INDEX = Pattern.compile("[a-z][a-z0-9_-]*");
    public static final String INDEX_PREFIX = "agent7-";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuu.MM.dd").withResolverStyle(java.time.format.ResolverStyle.STRICT);

    public DataType {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Type name must match " + NAME + ", got '" + name + "'");
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        identity = List.copyOf(identity);
        aliases = Set.copyOf(aliases);
        optionalIdentity = Set.copyOf(optionalIdentity);
        index = index == null ? INDEX_PREFIX + name : index;
        if (!index.startsWith(INDEX_PREFIX) || !INDEX.matcher(index).matches()) {
            throw new IllegalArgumentException(
                    "Type '" + name + "': index must match " + INDEX + " and start with " + INDEX_PREFIX);
        }
        if (domainKey != null && !fields.containsKey(domainKey)) {
            throw new IllegalArgumentException(
                    "Type '" + name + "': domain key '" + domainKey + "' is not one of its fields");
        }
        if (!identity.containsAll(optionalIdentity)) {
            throw new IllegalArgumentException("Type '" + name + "': optional identity fields must be identity fields");
        }
        if (series && dateFields(identity, fields) != 1) {
            throw new IllegalArgumentException(
                    "Type '" + name + "': a series needs exactly one date identity field, the time of its samples");
        }
        for (String id : identity) {
            Field f = fields.containsKey(id) ? fields.get(id) : CommonFields.ALL.get(id);
            if (f == null) {
                throw new IllegalArgumentException(
                        "Type '" + name + "': identity field '" + id + "' is not one of its fields");
            }
            if (f.type() == FieldType.FLOAT || f.type() == FieldType.DOUBLE) {
                throw new IllegalArgumentException("Type '" + name + "': identity field '" + id
                        + "' is floating point; identity must hash the same on every platform");
            }
        }
        for (Field f : fields.values()) {
            int dot = f.name().lastIndexOf('.');
            while (dot > 0) {
                Field parent = fields.get(f.name().substring(0, dot));
                if (parent != null && parent.type() != FieldType.NESTED && parent.type() != FieldType.OBJECT) {
                    throw new IllegalArgumentException("Type '" + name + "': field '" + f.name() + "' is inside '"
                            + parent.name() + "', which is a " + parent.type().mappingName() + ", not an object");
                }
                dot = f.name().lastIndexOf('.', dot - 1);
            }
            if (f.isAlias() && !fields.containsKey(f.aliasOf()) && !CommonFields.ALL.containsKey(f.aliasOf())) {
                throw new IllegalArgumentException(
                        "Type '" + name + "': alias '" + f.name() + "' points to unknown field '" + f.aliasOf() + "'");
            }
        }
    }

    /** This type with {@code more} fields after its own: the join keys {@link Schema} derives from relations. */
    DataType withFields(List<Field> more) {
        Map<String, Field> all = new LinkedHashMap<>(fields);
        for (Field field : more) {
            if (all.putIfAbsent(field.name(), field) != null || CommonFields.ALL.containsKey(field.name())) {
                throw new IllegalArgumentException(
                        "Type '" + name + "': field '" + field.name() + "' is declared twice");
            }
        }
        return new DataType(name, description, all, identity, aliases, series, optionalIdentity, index, domainKey);
    }

    private static long dateFields(List<String> names, Map<String, Field> fields) {
        return names.stream()
                .filter(id -> fields.containsKey(id) && fields.get(id).type() == FieldType.DATE)
                .count();
    }

    /** For a series, the date identity field whose day picks a sample's daily index; null otherwise. */
    public String seriesTime() {
        if (!series) {
            return null;
        }
        return identity.stream()
                .filter(id -> fields.get(id) != null && fields.get(id).type() == FieldType.DATE)
                .findFirst()
                .orElseThrow();
    }

    /** For a series, the pattern its daily indices match: {@code agent7-system_metric-*}. */
    public String dailyIndexPattern() {
        requireSeries();
        return index + "-*";
    }

    /** For a series, the index that holds its samples of {@code day}. */
    public String dailyIndex(LocalDate day) {
        requireSeries();
        return index + "-" + DAY.format(day);
    }

    /** The day one of this series' daily indices holds, from its name; empty for any other name. */
    public Optional<LocalDate> dayOf(String indexName) {
        String prefix = index + "-";
        if (!series || !indexName.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(indexName.substring(prefix.length()), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The index a normalized document of this type is written to: the type's index, or for a
     * series the daily index of the sample's day. The day comes from the document, so a sample
     * sent again lands on itself; a sample dated after {@code now}'s next day (an agent's clock
     * far ahead) goes to that next day's index rather than to one retention would keep for years.
     */
    public String writeIndex(JsonNode document, Instant now) {
        return series ? sampleIndex(Documents.get(document, seriesTime()), now) : index;
    }

    /** {@link #writeIndex(JsonNode, Instant)} of a document in stored form. */
    public String writeIndex(StoredDocument document, Instant now) {
        return series ? sampleIndex(document.get(seriesTime()), now) : index;
    }

    private String sampleIndex(JsonNode value, Instant now) {
        String time = seriesTime();
        if (value == null || !value.isString() || value.asString().length() < 10) {
            throw new InvalidDocumentException(time, "a sample needs its time, in stored form");
        }
        LocalDate day = LocalDate.parse(value.asString().substring(0, 10));
        LocalDate latest = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        return dailyIndex(day.isAfter(latest) ? latest : day);
    }

    private void requireSeries() {
        if (!series) {
            throw new IllegalStateException("Type '" + name + "' is not a series");
        }
    }

    /** Whether the type's documents belong to a domain rather than to the host that collected them. */
    public boolean domainScoped() {
        return domainKey != null;
    }

    /** The field of this type or a common one, by name; null when neither has it. */
    public Field field(String fieldName) {
        Field own = fields.get(fieldName);
        return own != null ? own : CommonFields.ALL.get(fieldName);
    }

    /** This type's fields and the common ones, aliases resolved to their target's type left as aliases. */
    public Map<String, Field> allFields() {
        Map<String, Field> all = new LinkedHashMap<>(CommonFields.ALL);
        all.putAll(fields);
        return Collections.unmodifiableMap(all);
    }

    /** Whether the field is a sub-field of a nested field: it exists only inside that field's array elements. */
    public boolean insideNested(Field field) {
        int dot = field.name().lastIndexOf('.');
        while (dot > 0) {
            Field parent = fields.get(field.name().substring(0, dot));
            if (parent != null && parent.type() == FieldType.NESTED) {
                return true;
            }
            dot = field.name().lastIndexOf('.', dot - 1);
        }
        return false;
    }

    /** The sub-fields declared under a nested field, by their full names. */
    public List<Field> childrenOf(String nestedField) {
        String prefix = nestedField + ".";
        return fields.values().stream().filter(f -> f.name().startsWith(prefix)).toList();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Reads like the schema it declares: one line a field. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final List<String> identity = new ArrayList<>();
        private final List<String> aliases = new ArrayList<>();
        private boolean series;
        private String domainKey;
        private final Set<String> optionalIdentity = new java.util.LinkedHashSet<>();
        private String index;

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** The index of the type's documents, when not {@code agent7-<name>}. */
        public Builder index(String name) {
            this.index = name;
            return this;
        }

        /** Keys the type's documents by the domain in {@code field}, not by host; see {@link DataType#domainKey()}. */
        public Builder domainKey(String field) {
            this.domainKey = field;
            return this;
        }

        /** Marks the type as a time series of samples; see {@link DataType#series()}. */
        public Builder series() {
            this.series = true;
            return this;
        }

        public Builder alias(String... typeAliases) {
            aliases.addAll(List.of(typeAliases));
            return this;
        }

        public Builder keyword(String field, String description) {
            return add(
                    new Field(field, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, false, false, null));
        }

        /** A keyword the OS compares case-insensitively: a Windows path, user or service name. */
        public Builder caseless(String field, String description) {
            return add(new Field(field, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, false, true, null));
        }

        /** A keyword also searchable as words, under {@code <field>.text}. */
        public Builder keywordText(String field, String description) {
            return add(new Field(field, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, true, false, null));
        }

        /** A case-insensitive name also searchable as words, under {@code <field>.text}. */
        public Builder caselessText(String field, String description) {
            return add(new Field(field, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, true, true, null));
        }

        /**
         * What a task, service or startup item runs, described with ECS's {@code process.*}
         * fields, so one filter on {@code process.executable} or {@code cmd_line} covers
         * processes, services, scheduled tasks and startup items alike. Paths compare
         * case-insensitively, as Windows compares them (on Linux that finds a few more than an
         * exact match would, never fewer); the command line is compared as written, since it
         * is part of some types' identity and arguments may be case-sensitive ({@code ilike}
         * ignores case on it).
         */
        public Builder executable(String what) {
            return caselessText("process.executable", "Absolute path of the program " + what + ".")
                    .longText("process.command_line", "Full command line " + what + ", program and arguments.")
                    .keyword("process.args", "Command line split into arguments; the first is the program.")
                    .field("process.args_count", FieldType.LONG, "Number of arguments.")
                    .caselessText("process.working_directory", "Working directory it starts in.")
                    .keyword("process.hash.md5", "MD5 of the program file.")
                    .keyword("process.hash.sha1", "SHA-1 of the program file.")
                    .keyword("process.hash.sha256", "SHA-256 of the program file.")
                    .field("process.code_signature.exists", FieldType.BOOLEAN, "Whether the program file is signed.")
                    .keyword("process.code_signature.subject_name", "Signer of the program file.")
                    .field(
                            "process.code_signature.trusted",
                            FieldType.BOOLEAN,
                            "Whether the signature chains to a trusted root.")
                    .field("process.code_signature.valid", FieldType.BOOLEAN, "Whether the signature verifies.")
                    .keyword("process.code_signature.status", "Verification status as the OS reports it.")
                    .keyword("process.pe.company", "Company in the program's version resource (Windows).")
                    .keyword("process.pe.description", "File description in the version resource (Windows).")
                    .keyword("process.pe.original_file_name", "Original file name in the version resource (Windows).");
        }

        /** The account something runs as or belongs to, with ECS's {@code user.*} fields. */
        public Builder runAs(String what) {
            return caselessText("user.name", "Name of the account " + what + ".")
                    .keyword("user.id", "Id of that account: a SID on Windows, a uid on Linux.")
                    .caseless("user.domain", "Domain or computer name of that account.");
        }

        /** A long value such as a command line: keyword up to 8191 characters, plus {@code .text}. */
        public Builder longText(String field, String description) {
            return add(new Field(field, FieldType.KEYWORD, description, Field.LONG_IGNORE_ABOVE, true, false, null));
        }

        public Builder field(String field, FieldType type, String description) {
            return add(new Field(field, type, description, null, false, false, null));
        }

        /** A field holding an array of objects whose sub-fields are declared after it as {@code <field>.<sub>}. */
        public Builder nested(String field, String description) {
            return add(new Field(field, FieldType.NESTED, description, null, false, false, null));
        }

        /**
         * Another name for a field, for the original Agent7's queries ({@code cmd_line},
         * {@code is_priv}, ...). Elasticsearch resolves it at query time; it is never written.
         */
        public Builder fieldAlias(String alias, String target) {
            return add(new Field(alias, FieldType.ALIAS, "Alias of " + target + ".", null, false, false, target));
        }

        /** Several aliases for one field. */
        public Builder fieldAliases(String target, String... aliasNames) {
            for (String alias : aliasNames) {
                fieldAlias(alias, target);
            }
            return this;
        }

        public Builder add(Field field) {
            if (fields.putIfAbsent(field.name(), field) != null || CommonFields.ALL.containsKey(field.name())) {
                throw new IllegalArgumentException(
                        "Type '" + name + "': field '" + field.name() + "' is declared twice");
            }
            return this;
        }

        public Builder identity(String... fieldNames) {
            identity.addAll(List.of(fieldNames));
            return this;
        }

        /** More identity fields, after the required ones, that an item may lack. */
        public Builder optionalIdentity(String... fieldNames) {
            identity.addAll(List.of(fieldNames));
            optionalIdentity.addAll(List.of(fieldNames));
            return this;
        }

        public DataType build() {
            return new DataType(
                    name,
                    description,
                    fields,
                    identity,
                    Set.copyOf(aliases),
                    series,
                    optionalIdentity,
                    index,
                    domainKey);
        }
    }
}
