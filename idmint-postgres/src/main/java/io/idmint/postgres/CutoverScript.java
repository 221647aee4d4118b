package io.idmint.postgres;

/**
 * The cutover SQL, for review, and what verify found when it was printed.
 *
 * @param sql the script; it starts with {@code -- DO NOT RUN YET} and verify's problems when there are any
 * @param verify the report the script's header summarises
 */
public record CutoverScript(String sql, VerifyReport verify) {}
