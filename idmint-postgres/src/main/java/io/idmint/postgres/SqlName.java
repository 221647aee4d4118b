package io.idmint.postgres;

import io.idmint.core.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * A table, column, function or sequence name, validated before it reaches any SQL text and always written
 * double-quoted: a value such as {@code x"; DROP TABLE t; --} is refused here, so the generated SQL never
 * carries text from the command line that could end an identifier. Names are taken as written (quoted, so
 * case-sensitive), optionally schema-qualified; without a schema, {@code public}.
 *
 * @param schema the schema, {@code public} when none was given
 * @param name the object's own name
 */
record SqlName(String schema, String name) {
    /** PostgreSQL's unquoted identifier characters, up to its 63-byte limit (NAMEDATALEN - 1). */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    static final int MAX_LENGTH = 63;

    SqlName {
        check(schema, "schema");
        check(name, "name");
    }

    /**
     * Parses {@code name} or {@code schema.name}.
     *
     * @param what what the name is for, e.g. {@code function}, in the message
     * @throws InvalidRequestException naming the value and the pattern when it is not an identifier
     */
    static SqlName parse(String text, String what) {
        if (text == null) {
            throw new InvalidRequestException(what + " must be given");
        }
        int dot = text.indexOf('.');
        String schema = dot < 0 ? "public" : text.substring(0, dot);
        String name = dot < 0 ? text : text.substring(dot + 1);
        if (!IDENTIFIER.matcher(schema).matches() || !IDENTIFIER.matcher(name).matches()) {
            throw new InvalidRequestException(what + " must be an identifier " + IDENTIFIER.pattern()
                    + ", optionally schema-qualified (schema.name): " + what + "=" + text);
        }
        return new SqlName(schema, name);
    }

    /** A plain column name (no schema). */
    static String column(String text, String what) {
        if (text == null || !IDENTIFIER.matcher(text).matches()) {
            throw new InvalidRequestException(what + " must be an identifier " + IDENTIFIER.pattern() + ": " + what + "=" + text);
        }
        return text;
    }

    private static void check(String part, String what) {
        if (part == null || !IDENTIFIER.matcher(part).matches()) {
            throw new InvalidRequestException(what + " must be an identifier " + IDENTIFIER.pattern() + ": " + what + "=" + part);
        }
    }

    /** A name derived from this one in the same schema, e.g. {@code orders} + {@code _idmint_map}. */
    SqlName derived(String suffix, String what) {
        String derived = name + suffix;
        if (derived.length() > MAX_LENGTH) {
            throw new InvalidRequestException(what + " " + derived + " would be " + derived.length() + " characters, more than"
                    + " PostgreSQL's " + MAX_LENGTH + ": use a shorter name than " + name);
        }
        return new SqlName(schema, derived);
    }

    /** {@code "schema"."name"}: safe to splice into SQL, since both parts were validated. */
    String quoted() {
        return quote(schema) + "." + quote(name);
    }

    /** {@code schema.name} as a string literal's content, e.g. for {@code 'x'::regclass}. */
    String literal() {
        return "'" + quoted().replace("'", "''") + "'";
    }

    /** Double-quoted, inner quotes doubled: also right for names read from the catalog, which no pattern checked. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
