package io.idmint.core;

import java.time.Instant;

/** An ID split into its parts by {@link BitLayout#decode(long)}. */
public record DecodedId(long id, Instant timestamp, int datacenter, int worker, int sequence, String layout) {}
