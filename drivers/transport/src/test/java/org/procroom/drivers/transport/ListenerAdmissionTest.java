package org.procroom.drivers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procroom.testkit.Await;

/** Whom a bounded listener serves: allowed peers only, within the global and the per-peer limits. */
class ListenerAdmissionTest {
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final CountDownLatch hold = new CountDownLatch(1);

  private BoundedListener start(ListenerOptions options) throws IOException {
    BoundedListener listener = new BoundedListener(options, (socket, release) -> {
      socket.getOutputStream().write('+');
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, new ListenerEvents() {
      @Override
      public void listening(String description) {}

      @Override
      public void accepting(String reason) {}

      @Override
      public void failed(String reason) {}

      @Override
      public void refused(InetAddress peer, Refusal why, String reason) {
        refusals.add(why + " " + peer.getHostAddress() + ": " + reason);
      }
    });
    listener.start();
    return listener;
  }

  /** Connects from {@code from} (any 127.x address is the loopback) and returns the first byte, -1 if closed or reset unserved. */
  private static int firstByte(Socket s, String from, int port) throws IOException {
    s.bind(new InetSocketAddress(from, 0));
    try {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(5000);
      return s.getInputStream().read();
    } catch (java.net.SocketException reset) {
      return -1;
    }
  }

  @Test
  void aPeerOutsideTheAllowedNetworksIsClosedUnservedAndReported() throws Exception {
    try (BoundedListener listener = start(ListenerOptions.of("MLLP", "127.0.0.1", 0, 4)
        .withPeers(PeerFilter.of(List.of("127.0.0.1/32"))));
        Socket allowed = new Socket(); Socket stranger = new Socket()) {
      assertEquals('+', firstByte(allowed, "127.0.0.1", listener.localPort()));
      assertEquals(-1, firstByte(stranger, "127.0.0.2", listener.localPort()));
      Await.until(Duration.ofSeconds(5), () -> !refusals.isEmpty(), () -> "no refusal reported");
      assertTrue(refusals.get(0).startsWith("NOT_ALLOWED 127.0.0.2: 127.0.0.2 is not an allowed sender"), refusals.get(0));
    } finally {
      hold.countDown();
    }
  }

  @Test
  void onePeerCannotTakeEverySlot() throws Exception {
    try (BoundedListener listener = start(ListenerOptions.of("DICOM", "127.0.0.1", 0, 4).withMaxPerPeer(2));
        Socket a1 = new Socket(); Socket a2 = new Socket(); Socket a3 = new Socket(); Socket b1 = new Socket()) {
      int port = listener.localPort();
      assertEquals('+', firstByte(a1, "127.0.0.3", port));
      assertEquals('+', firstByte(a2, "127.0.0.3", port));
      assertEquals(-1, firstByte(a3, "127.0.0.3", port), "a third from the same peer is refused");
      assertEquals('+', firstByte(b1, "127.0.0.4", port), "another peer still gets a slot");
      Await.until(Duration.ofSeconds(5), () -> !refusals.isEmpty(), () -> "no refusal reported");
      assertEquals("TOO_MANY_FROM_PEER 127.0.0.3: 127.0.0.3 already holds 2 of the 4 connection slots", refusals.get(0));
      assertEquals(new BoundedListener.Stats(3, 3, 1, 0), listener.stats());
    } finally {
      hold.countDown();
    }
  }

  @Test
  void pastTheGlobalLimitConnectionsAreRefused() throws Exception {
    try (BoundedListener listener = start(ListenerOptions.of("MLLP", "127.0.0.1", 0, 2).withMaxPerPeer(2));
        Socket a = new Socket(); Socket b = new Socket(); Socket c = new Socket()) {
      int port = listener.localPort();
      assertEquals('+', firstByte(a, "127.0.0.5", port));
      assertEquals('+', firstByte(b, "127.0.0.6", port));
      assertEquals(-1, firstByte(c, "127.0.0.7", port));
      Await.until(Duration.ofSeconds(5), () -> !refusals.isEmpty(), () -> "no refusal reported");
      assertEquals("TOO_MANY 127.0.0.7: all 2 connection slots are taken", refusals.get(0));
    } finally {
      hold.countDown();
    }
  }

  @Test
  void peerEntriesMustBeAddressesOrNetworks() {
    assertThrows(IllegalArgumentException.class, () -> PeerFilter.of(List.of("monitor.example.org")));
    assertThrows(IllegalArgumentException.class, () -> PeerFilter.of(List.of("10.0.0.0/33")));
    PeerFilter net = PeerFilter.of(List.of("10.1.2.0/23", "::1"));
    assertTrue(net.allows(address("10.1.3.200")));
    assertTrue(!net.allows(address("10.1.4.1")));
    assertTrue(net.allows(address("::1")));
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
