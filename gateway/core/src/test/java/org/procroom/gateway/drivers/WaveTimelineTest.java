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

  private static WaveSegment ecg(long sequence, Instant deviceTime, WaveSegment.Gap gap) {
    return new WaveSegment("ECG II", "MDC_ECG_ELEC_POTL_II", 131330, "mV", PERIOD, 0.005, 0, sequence, deviceTime,
        GATEWAY, new int[128], List.of(), gap);
  }

  @Test
  void aClockTwentySecondsBehindIsMovedOntoTheGatewaysClock() {
    WaveTimeline timeline = new WaveTimeline();
    Instant device = GATEWAY.minusSeconds(20);

    WaveSegment placed = timeline.place(ecg(0, device, null), -20_000);

    assertEquals(GATEWAY, placed.deviceTime());
  }

  @Test
  void measurementJitterDoesNotMoveTheSamplesOfARun() {
    WaveTimeline timeline = new WaveTimeline();
    Instant device = GATEWAY.minusSeconds(20);
    timeline.place(ecg(0, device, null), -20_000);

    WaveSegment next = timeline.place(ecg(128, device.plus(PERIOD.multipliedBy(128)), null), -20_180);

    assertEquals(GATEWAY.plus(PERIOD.multipliedBy(128)), next.deviceTime(), "the run's offset stays");
  }

  @Test
  void aClockThatWasSetStartsANewOffset() {
    WaveTimeline timeline = new WaveTimeline();
    Instant device = GATEWAY.minusSeconds(20);
    timeline.place(ecg(0, device, null), -20_000);

    WaveSegment next = timeline.place(ecg(128, GATEWAY.plus(PERIOD.multipliedBy(128)), null), -1_000);

    assertEquals(GATEWAY.plus(PERIOD.multipliedBy(128)).plusSeconds(1), next.deviceTime());
  }

  @Test
  void aRunAfterAGapTakesTheOffsetMeasuredThen() {
    WaveTimeline timeline = new WaveTimeline();
    timeline.place(ecg(0, GATEWAY.minusSeconds(20), null), -20_000);

    WaveSegment afterGap = timeline.place(ecg(1000, GATEWAY.minusSeconds(18), new WaveSegment.Gap(872, "late")), -20_100);

    assertEquals(GATEWAY.plusMillis(2100), afterGap.deviceTime());
  }

  @Test
  void samplesWithoutDeviceTimeKeepTheReceiveTime() {
    WaveSegment placed = new WaveTimeline().place(ecg(0, null, null), -20_000);

    assertNull(placed.deviceTime());
  }
}
