package org.procroom.gateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procroom.gateway.api.WaveSegment;

/** A monitor's wave samples are drawn at the gateway's time of the staff events around them. */
class WaveTimelineTest {
  private static final Instant GATEWAY = Instant.parse("2026-12-04T10:00:00Z");
  private static final Duration PERIOD = Duration.ofMillis(2);
  private static final Duration SPAN = PERIOD.multipliedBy(128);

  /** 128 ECG samples from {@code first} by the device's clock, received {@code late} after their end by the gateway's. */
  private static WaveSegment ecg(String channel, long sequence, Instant first, Instant received, WaveSegment.Gap gap) {
    return new WaveSegment(channel, "MDC_ECG_ELEC_POTL_II", 131330, "mV", PERIOD, 0.005, 0, sequence, first, received,
        new int[128], List.of(), gap);
  }

  @Test
  void aClockTwentySecondsBehindIsMovedOntoTheGatewaysClock() {
    WaveSegment placed = new WaveTimeline().place(ecg("II", 0, GATEWAY.minusSeconds(20), GATEWAY.plus(SPAN), null));

    assertEquals(GATEWAY, placed.deviceTime());
  }

  @Test
  void measurementJitterDoesNotMoveTheSamplesOfARun() {
    WaveTimeline timeline = new WaveTimeline();
    Instant device = GATEWAY.minusSeconds(20);
    timeline.place(ecg("II", 0, device, GATEWAY.plus(SPAN), null));

    // received 180 ms late this time
    WaveSegment next = timeline.place(ecg("II", 128, device.plus(SPAN), GATEWAY.plus(SPAN).plus(SPAN).plusMillis(180), null));

    assertEquals(GATEWAY.plus(SPAN), next.deviceTime(), "the run's offset stays");
  }

  @Test
  void aClockThatWasSetStartsANewOffset() {
    WaveTimeline timeline = new WaveTimeline();
    timeline.place(ecg("II", 0, GATEWAY.minusSeconds(20), GATEWAY.plus(SPAN), null));

    // the monitor's clock set right: its segments now arrive at their own time
    WaveSegment next = null;
    for (int i = 1; i <= 30; i++) {
      Instant first = GATEWAY.plus(SPAN.multipliedBy(i));
      next = timeline.place(ecg("II", 128L * i, first, first.plus(SPAN), null));
    }

    long off = Duration.between(GATEWAY.plus(SPAN.multipliedBy(30)), next.deviceTime()).toMillis();
    assertEquals(0, off, WaveTimeline.TOLERANCE_MILLIS, "followed the clock to within the tolerance: " + off + " ms");
  }

  @Test
  void eachChannelMeasuresItsOwnClock() {
    WaveTimeline timeline = new WaveTimeline();
    WaveSegment behind = timeline.place(ecg("MON-A II", 0, GATEWAY.minusSeconds(20), GATEWAY.plus(SPAN), null));
    WaveSegment ahead = timeline.place(ecg("MON-B II", 0, GATEWAY.plusSeconds(7), GATEWAY.plus(SPAN), null));

    assertEquals(List.of(GATEWAY, GATEWAY), List.of(behind.deviceTime(), ahead.deviceTime()),
        "two monitors on one listener, each on the gateway's clock");
  }

  @Test
  void aRunAfterAGapIsPlacedAtTheOffsetMeasuredThen() {
    WaveTimeline timeline = new WaveTimeline();
    timeline.place(ecg("II", 0, GATEWAY.minusSeconds(20), GATEWAY.plus(SPAN), null));

    Instant first = GATEWAY.minusSeconds(18);
    WaveSegment afterGap = timeline.place(ecg("II", 1000, first, first.plusSeconds(20).plus(SPAN),
        new WaveSegment.Gap(872, "late")));

    assertEquals(first.plusSeconds(20), afterGap.deviceTime());
  }

  @Test
  void samplesWithoutDeviceTimeKeepTheirReceiveTime() {
    WaveSegment placed = new WaveTimeline().place(ecg("II", 0, null, GATEWAY, null));

    assertNull(placed.deviceTime());
  }
}
