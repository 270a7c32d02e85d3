package org.procroom.gateway.waves;

import java.time.Instant;

/** A stretch of time whose waveforms belong to a record: around an injection, an adverse event or an alarm. */
public record WaveWindow(Instant from, Instant to, String reason) {}
