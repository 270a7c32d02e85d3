package org.procroom.gateway.api;

/**
 * One network listener of a driver, for {@code /metrics}: what it serves now and what it took and
 * turned away since the start.
 */
public record ListenerCounts(String name, int port, int open, long accepted, long refused, long acceptFailures) {}
