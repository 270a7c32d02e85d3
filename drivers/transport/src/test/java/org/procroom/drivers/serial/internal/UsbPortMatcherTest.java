package org.procroom.drivers.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.procroom.drivers.serial.LineTransportOptions.UsbMatch;

class UsbPortMatcherTest {
  private static final List<UsbPortMatcher.PortInfo> PORTS = List.of(
      new UsbPortMatcher.PortInfo("/dev/ttyS0", -1, -1, null),
      new UsbPortMatcher.PortInfo("/dev/ttyACM1", 0x05E0, 0x1200, "S-B"),
      new UsbPortMatcher.PortInfo("/dev/ttyACM0", 0x05E0, 0x1200, "S-A"),
      new UsbPortMatcher.PortInfo("/dev/ttyUSB0", 0x0403, 0x6001, "FT123"));

  @Test
  void theSerialNumberPicksOneOfTwoIdenticalScanners() {
    assertEquals(Optional.of("/dev/ttyACM1"),
        UsbPortMatcher.match(PORTS, new UsbMatch(0x05E0, 0x1200, Optional.of("s-b"))));
  }

  @Test
  void withoutASerialNumberTheFirstPathWinsSoTheChoiceIsStable() {
    assertEquals(Optional.of("/dev/ttyACM0"), UsbPortMatcher.match(PORTS, new UsbMatch(0x05E0, 0x1200, Optional.empty())));
  }

  @Test
  void nothingPluggedInIsEmpty() {
    assertEquals(Optional.empty(), UsbPortMatcher.match(PORTS, new UsbMatch(0x1234, 0x5678, Optional.empty())));
    assertEquals(Optional.empty(), UsbPortMatcher.match(PORTS, new UsbMatch(0x0403, 0x6001, Optional.of("OTHER"))));
  }
}
