package org.procroom.drivers.vitals.intellivue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Connect Indication captured from a real IntelliVue monitor (resources/.../intellivue/SOURCES.md),
 * read as the expected values there were read off its bytes; a datagram that is not one says why.
 */
class ConnectIndicationTest {
  private static byte[] capture() throws IOException {
    try (InputStream in = ConnectIndicationTest.class.getResourceAsStream("connect-indication-mx800.hex")) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
    }
  }

  @Test
  void theCapturedBeacon() throws IOException {
    byte[] datagram = capture();
    assertEquals(418, datagram.length);
    ConnectIndication.Read read = ConnectIndication.read(datagram);
    ConnectIndication beacon = assertInstanceOf(ConnectIndication.Read.Beacon.class, read, read.toString()).value();
    assertEquals(new ConnectIndication("192.168.247.101", "00:09:fb:88:c1:bd", 24105, List.of("Philips", "866062")),
        beacon);
  }

  @Test
  void whatIsNotABeaconSaysWhy() throws IOException {
    byte[] datagram = capture();
    assertEquals(new ConnectIndication.Read.Invalid("remote operation length 410 for a datagram of 100 bytes"),
        ConnectIndication.read(Arrays.copyOf(datagram, 100)));
    byte[] otherEvent = datagram.clone();
    otherEvent[24] = 0x0D;
    otherEvent[25] = 0x06;
    assertEquals(new ConnectIndication.Read.Invalid("event type 0x0D06, not a Connect Indication (0x0D17)"),
        ConnectIndication.read(otherEvent));
    byte[] data = HexFormat.of().parseHex("E1000002000200140001000100000000");
    assertEquals(new ConnectIndication.Read.Invalid("not a Data Export nomenclature (the first two bytes are not 00 00)"),
        ConnectIndication.read(data), "a data export message on the beacon port");
    assertEquals(new ConnectIndication.Read.Invalid("datagram of 3 bytes ends inside its own structure"),
        ConnectIndication.read(new byte[] {0, 0, 1}));
    assertEquals(new ConnectIndication.Read.Invalid("datagram of 16 bytes ends inside its own structure"),
        ConnectIndication.read(HexFormat.of().parseHex("00000100000100080000000000020000")), "lengths that agree, then too short");
    byte[] longAttribute = datagram.clone();
    longAttribute[34] = 0x7F; // the first attribute's length, 0x0004 -> 0x7F04
    assertEquals(new ConnectIndication.Read.Invalid("attribute 0x0920 of 32516 bytes runs past the datagram"),
        ConnectIndication.read(longAttribute));
  }
}
