package org.procroom.simulators.scanner;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A network scanner cradle: serves scans to every client connected to its TCP port. */
final class TcpScanOutput implements ScanOutput {
  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  TcpScanOutput(int port) throws IOException {
    server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "scanner-sim-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        clients.add(server.accept());
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    if (clients.isEmpty()) {
      throw new IOException("no gateway connected to the simulated cradle on port " + port());
    }
    for (Socket client : clients) {
      try {
        OutputStream out = client.getOutputStream();
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        clients.remove(client);
        client.close();
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket client : clients) {
        client.close();
      }
    } catch (IOException ignored) {
      // closing is best effort: the simulator is going away
    }
  }
}
