package io.idmint.config;

/** {@code generator.clock}: the system clock, or wall time at start plus {@link System#nanoTime()}. */
public enum ClockKind { SYSTEM, MONOTONIC }
