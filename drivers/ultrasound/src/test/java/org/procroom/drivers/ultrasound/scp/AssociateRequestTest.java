package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proposed abstract syntaxes as read from association requests DCMTK's tools send, and which
 * acceptor each request goes to.
 */
class AssociateRequestTest {
  @TempDir Path dir;

  private AssociateRequest capture(String... command) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(10_000); // a tool that refuses its arguments never connects
      String[] full = Arrays.copyOf(command, command.length + 2);
      full[command.length] = "127.0.0.1";
      full[command.length + 1] = String.valueOf(server.getLocalPort());
      Process tool = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("tool.log").toFile())
          .start();
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        return AssociateRequest.read(s.getInputStream());
      } finally {
        tool.destroy();
        tool.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void echoscuProposesVerificationOnlyAndStaysWithTheStorageScp() throws Exception {
    AssociateRequest r = capture("echoscu", "-aet", "US01", "-aec", "PROCROOM");
    assertEquals("US01", r.callingAe());
    assertEquals(List.of("1.2.840.10008.1.1"), r.abstractSyntaxes());
    assertFalse(StorageScpDriver.asksOnlyForNServices(r));
  }

  @Test
  void findscuAsksForTheWorklist() throws Exception {
    AssociateRequest r = capture("findscu", "-W", "-k", "PatientName=", "-aet", "US01", "-aec", "PROCROOM");
    assertEquals(List.of("1.2.840.10008.5.1.4.31"), r.abstractSyntaxes());
    assertFalse(StorageScpDriver.asksOnlyForNServices(r));
  }

  @Test
  void aStorageCommitmentRequestGoesToTheNServices() throws Exception {
    AssociateRequest r = capture("echoscu", "-aet", "US01", "-aec", "PROCROOM");
    byte[] pdu = withSyntax(r.bytes(), "1.2.840.10008.1.1", "1.2.840.10008.1.20.1");
    AssociateRequest commitment = AssociateRequest.read(new java.io.ByteArrayInputStream(pdu));
    assertEquals(List.of("1.2.840.10008.1.20.1"), commitment.abstractSyntaxes());
    assertTrue(StorageScpDriver.asksOnlyForNServices(commitment));
  }

  @Test
  void anItemThatRunsPastTheRequestGivesNoSyntaxes() throws Exception {
    byte[] pdu = capture("echoscu", "-aet", "US01", "-aec", "PROCROOM").bytes();
    int context = indexOf(pdu, (byte) 0x20, 74);
    pdu[context + 2] = (byte) 0x7F; // the presentation context item claims 32 KiB
    assertEquals(List.of(), AssociateRequest.read(new java.io.ByteArrayInputStream(pdu)).abstractSyntaxes());
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("no item 0x" + Integer.toHexString(b));
  }

  /** The same request with one abstract syntax replaced, every enclosing length adjusted. */
  private static byte[] withSyntax(byte[] pdu, String from, String to) throws IOException {
    String text = new String(pdu, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    int grow = to.length() - from.length();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(pdu, 0, at);
    out.write(to.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write(pdu, at + from.length(), pdu.length - at - from.length());
    byte[] b = out.toByteArray();
    add32(b, 2, grow);                 // PDU length
    int context = indexOf(b, (byte) 0x20, 74);
    add16(b, context + 2, grow);       // presentation context item length
    add16(b, at - 2, grow);            // abstract syntax sub-item length
    return b;
  }

  private static void add16(byte[] b, int at, int delta) {
    int v = ((b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF)) + delta;
    b[at] = (byte) (v >> 8);
    b[at + 1] = (byte) v;
  }

  private static void add32(byte[] b, int at, int delta) {
    long v = ((b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL)) + delta;
    b[at] = (byte) (v >> 24);
    b[at + 1] = (byte) (v >> 16);
    b[at + 2] = (byte) (v >> 8);
    b[at + 3] = (byte) v;
  }
}
