package org.procroom.drivers.vitals.intellivue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.procroom.gateway.api.DriverState;
import org.procroom.gateway.api.GatewayClock;

/**
 * Data Export over UDP: one socket of the gateway's (an ephemeral port unless configured) talking
 * to the monitor's Data Export port. Without a configured address the monitor is found by its
 * Connect Indication on the beacon port, which names its address and port. Datagrams from any
 * other address are refused with the sender named.
 */
final class LanTransport implements IntellivueTransport {
  private static final int MAX_DATAGRAM = 65_535;
  private static final int TICK_MILLIS = 200;
  private static final InetAddress BEACON_GROUP = group();

  private final String name;
  private final String host;
  private final int port;
  private final int localPort;
  private final int beaconPort;
  private GatewayClock clock;
  private volatile DatagramSocket socket;
  private volatile InetSocketAddress monitor;
  private volatile boolean running;
  private Thread thread;
  private Receiver receiver;

  LanTransport(String name, String host, int port, int localPort, int beaconPort) {
    this.name = name;
    this.host = host;
    this.port = port;
    this.localPort = localPort;
    this.beaconPort = beaconPort;
  }

  @Override
  public void start(Receiver receiver, GatewayClock clock) {
    this.clock = clock;
    this.receiver = receiver;
    running = true;
    thread = new Thread(() -> run(receiver), "intellivue-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Receiver receiver) {
    while (running) {
      try {
        if (monitor == null) {
          monitor = host.isEmpty() ? discover(receiver) : new InetSocketAddress(InetAddress.getByName(host), port);
          if (monitor == null) {
            continue;
          }
        }
        try (DatagramSocket s = new DatagramSocket(localPort)) {
          s.setSoTimeout(TICK_MILLIS);
          socket = s;
          receiver.connected();
          pump(s, receiver);
        }
      } catch (IOException e) {
        if (running) {
          receiver.linkState(DriverState.RECONNECTING, "UDP to the monitor " + (host.isEmpty() ? "" : host + ":" + port)
              + " failed: " + e.getMessage());
          sleep(1000);
        }
      }
    }
  }

  private void pump(DatagramSocket s, Receiver receiver) throws IOException {
    byte[] buffer = new byte[MAX_DATAGRAM];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (running) {
      try {
        packet.setLength(buffer.length);
        s.receive(packet);
        if (packet.getAddress().equals(monitor.getAddress())) {
          receiver.message(Arrays.copyOf(buffer, packet.getLength()), clock.now());
        } else {
          receiver.rejected("a datagram from " + packet.getAddress().getHostAddress() + ", not the monitor "
              + monitor.getAddress().getHostAddress(), clock.now());
        }
      } catch (SocketTimeoutException e) {
        // no datagram in this tick
      }
      receiver.tick(clock.now());
    }
  }

  /**
   * Waits for a Connect Indication on the beacon port: monitors send it to the multicast group
   * 224.0.23.63 (joined here on the default interface), some to the broadcast or a unicast address.
   * Null when the transport stops first.
   */
  private InetSocketAddress discover(Receiver receiver) throws IOException {
    try (MulticastSocket beacons = new MulticastSocket(null)) {
      beacons.setReuseAddress(true);
      beacons.bind(new InetSocketAddress(beaconPort));
      try {
        beacons.joinGroup(new InetSocketAddress(BEACON_GROUP, beaconPort), null);
      } catch (IOException e) {
        receiver.linkState(DriverState.STARTING, "listening for the monitor's beacon on port " + beaconPort
            + " (broadcast and unicast only: joining " + BEACON_GROUP.getHostAddress() + " failed: " + e.getMessage() + ")");
      }
      beacons.setSoTimeout(1000);
      byte[] buffer = new byte[MAX_DATAGRAM];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      while (running) {
        try {
          beacons.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        ConnectIndication.Read read = ConnectIndication.read(Arrays.copyOf(buffer, packet.getLength()));
        if (read instanceof ConnectIndication.Read.Beacon beacon) {
          int dataPort = beacon.value().dataExportPort() == 0 ? port : beacon.value().dataExportPort();
          return new InetSocketAddress(InetAddress.getByName(beacon.value().ip()), dataPort);
        }
        receiver.rejected("on the beacon port from " + packet.getAddress().getHostAddress() + ": "
            + read.invalidReason(), clock.now());
      }
      return null;
    }
  }

  @Override
  public void send(byte[] message) throws IOException {
    DatagramSocket s = socket;
    InetSocketAddress to = monitor;
    if (s == null || to == null) {
      throw new SocketException("no monitor address yet");
    }
    s.send(new DatagramPacket(message, message.length, to));
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      receiver.linkState(DriverState.STOPPED, "stopped");
    }
  }

  private static InetAddress group() {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 23, 63});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
