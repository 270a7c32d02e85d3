package org.procroom.drivers.vitals.intellivue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The monitor's clock as its MDS Create states it: its wall clock (local time, NOM_ATTR_TIME_ABS)
 * at one relative time (NOM_ATTR_TIME_REL, 125 us ticks, wrapping at 2^32). A poll result that
 * carries no wall clock is placed by its relative time from that anchor.
 */
public record MonitorClock(LocalDateTime wallClock, long relativeTime, ZoneId zone) {
  static final int TIME_ABS = 0x0987;
  static final int TIME_REL = 0x098F;
  private static final long WRAP = 1L << 32;

  /** The anchor of an MDS Create, when it states both times. */
  public static Optional<MonitorClock> of(DataExportMessage.MdsCreate mds, ZoneId zone) {
    Optional<ByteBuffer> abs = mds.attributes().get(TIME_ABS);
    Optional<ByteBuffer> rel = mds.attributes().get(TIME_REL);
    if (abs.isEmpty() || rel.isEmpty() || rel.get().remaining() != 4) {
      return Optional.empty();
    }
    return AbsoluteTime.read(abs.get(), "MDS wall clock")
        .map(t -> new MonitorClock(t, Integer.toUnsignedLong(rel.get().getInt(0)), zone));
  }

  /** The monitor's time of a relative time after the anchor (the tick counter may have wrapped once). */
  public Instant at(long relative) {
    long ticks = Math.floorMod(relative - relativeTime, WRAP);
    return wallClock.atZone(zone).toInstant().plusNanos(ticks * 125_000);
  }

  /** A poll's time: its wall clock when sent, else its relative time; null without a clock. */
  static Instant timeOf(DataExportMessage.PollResult poll, MonitorClock clock) {
    return clock == null ? null : poll.absoluteTime() != null ? clock.at(poll.absoluteTime()) : clock.at(poll.relativeTime());
  }

  /** A wall-clock time of the monitor, in its zone. */
  public Instant at(LocalDateTime wall) {
    return wall.atZone(zone).toInstant();
  }
}
