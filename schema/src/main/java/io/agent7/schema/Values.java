package io.agent7.schema;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Checks a JSON value against its field's type and puts it in the one form Agent7 stores:
 * dates as UTC with milliseconds, whole numbers as integers. Error messages say what the
 * field wanted.
 */
public final class Values {

    /** The one date form Agent7 writes: UTC, millisecond precision, a literal Z. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {}

    /** Formats an instant the way every Agent7 date is stored. */
    public static String formatDate(Instant instant) {
        return DATE_FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * The value in stored form, or an {@link InvalidDocumentException} naming {@code name}.
     * Arrays are checked element by element; null stays null.
     */
    public static JsonNode normalize(Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        if (value.isArray() && field.type() != FieldType.NESTED) {
            var array = NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                if (element.isArray()) {
                    throw new InvalidDocumentException(field.name(), "nested arrays are not allowed");
                }
                array.add(normalize(field, element));
            }
            return array;
        }
        String name = field.name();
        return switch (field.type()) {
            case KEYWORD, TEXT -> {
                if (!value.isString()) {
                    throw new InvalidDocumentException(name, "expected a string, got " + describe(value));
                }
                yield value;
            }
            case LONG, INTEGER, SHORT, BYTE -> NODES.numberNode(wholeNumber(field, value));
            case DOUBLE, FLOAT -> {
                if (!value.isNumber()) {
                    throw new InvalidDocumentException(name, "expected a number, got " + describe(value));
                }
                double d = value.asDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new InvalidDocumentException(name, "expected a finite number");
                }
                yield value;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new InvalidDocumentException(name, "expected true or false, got " + describe(value));
                }
                yield value;
            }
            case DATE -> {
                String canonical = canonicalDate(value, name);
                // Most agents send the canonical form already: keep their node.
                yield value.isString() && canonical.equals(value.asString()) ? value : NODES.stringNode(canonical);
            }
            case IP -> NODES.stringNode(ip(value, name));
            case GEO_POINT -> {
                if (!value.isObject()
                        || !value.path("lat").isNumber()
                        || !value.path("lon").isNumber()) {
                    throw new InvalidDocumentException(name, "expected {\"lat\": number, \"lon\": number}");
                }
                yield value;
            }
            case FLATTENED, OBJECT -> {
                if (!value.isObject()) {
                    throw new InvalidDocumentException(name, "expected an object, got " + describe(value));
                }
                yield value;
            }
            case NESTED -> {
                if (!value.isArray()) {
                    throw new InvalidDocumentException(name, "expected an array of objects, got " + describe(value));
                }
                for (JsonNode element : value) {
                    if (!element.isObject()) {
                        throw new InvalidDocumentException(
                                name, "expected an array of objects, found " + describe(element));
                    }
                }
                yield value;
            }
            case ALIAS ->
                throw new InvalidDocumentException(
                        name,
                        "is an alias of '" + field.aliasOf() + "' and cannot be written; write '" + field.aliasOf()
                                + "'");
        };
    }

    /** UTC milliseconds form of an ISO-8601 date with a zone, or of epoch milliseconds. */
    public static String canonicalDate(JsonNode value, String name) {
        if (value.isIntegralNumber()) {
            return formatDate(Instant.ofEpochMilli(value.asLong()));
        }
        if (value.isString()) {
            String text = value.asString();
            if (isCanonicalDate(text)) {
                return text; // what parsing and formatting it would give back, at a fraction of the cost
            }
            try {
                return formatDate(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                throw new InvalidDocumentException(
                        name,
                        "expected an ISO-8601 date with a zone such as "
                                + "2026-01-31T23:59:59.000Z, or epoch milliseconds; got '" + text + "'");
            }
        }
        throw new InvalidDocumentException(name, "expected a date, got " + describe(value));
    }

    /**
     * Whether {@code text} is a valid date in exactly the stored form
     * ({@code uuuu-MM-ddTHH:mm:ss.SSSZ}, a day that exists in its month, hours 00-23).
     */
    static boolean isCanonicalDate(String text) {
        if (text.length() != 24
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return false;
        }
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** The decimal number in {@code text[start, start + count)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int start, int count) {
        int n = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static String canonicalBoolean(JsonNode value, String name) {
        if (!value.isBoolean()) {
            throw new InvalidDocumentException(name, "expected true or false, got " + describe(value));
        }
        return Boolean.toString(value.asBoolean());
    }

    static String canonicalWholeNumber(JsonNode value, String name) {
        if (!value.isNumber()) {
            throw new InvalidDocumentException(name, "expected a whole number, got " + describe(value));
        }
        return integral(value, name).toString();
    }

    static String canonicalString(JsonNode value, String name) {
        if (!value.isString()) {
            throw new InvalidDocumentException(name, "expected a single string, got " + describe(value));
        }
        return value.asString();
    }

    private static long wholeNumber(Field field, JsonNode value) {
        if (!value.isNumber()) {
            throw new InvalidDocumentException(field.name(), "expected a whole number, got " + describe(value));
        }
        long min;
        long max;
        switch (field.type()) {
            case INTEGER -> {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            case SHORT -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case BYTE -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            default -> {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long n = value.longValue(); // the common case, without a BigInteger
            if (n >= min && n <= max) {
                return n;
            }
        }
        BigInteger n = integral(value, field.name());
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidDocumentException(
                    field.name(),
                    "value " + n + " is outside the " + field.type().mappingName() + " range [" + min + ", " + max
                            + "]");
        }
        return n.longValue();
    }

    private static BigInteger integral(JsonNode value, String name) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        var decimal = value.decimalValue();
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new InvalidDocumentException(name, "expected a whole number, got " + decimal.toPlainString());
        }
    }

    private static String ip(JsonNode value, String name) {
        if (value.isString()) {
            String canonical = canonicalIp(value.asString());
            if (canonical != null) {
                return canonical;
            }
            throw new InvalidDocumentException(
                    name, "expected an IPv4 or IPv6 address, got '" + value.asString() + "'");
        }
        throw new InvalidDocumentException(name, "expected an IP address string, got " + describe(value));
    }

    /**
     * The one text form of an address: IPv4 as dotted quad, IPv6 as RFC 5952 (lower case,
     * the longest run of zero groups as {@code ::}), zone ids dropped. Null when it is not an
     * address. Only hex digits, colons and dots reach the JDK's parser, so it never looks up
     * a host name.
     */
    public static String canonicalIp(String text) {
        if (IPV4.matcher(text).matches()) {
            return text;
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = java.net.InetAddress.getByName(text.replaceFirst("%.*$", ""))
                    .getAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        String text = JsonTrees.string(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
