package org.procroom.drivers.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which peers a listener takes: addresses and networks in CIDR form ({@code 10.1.2.0/24},
 * {@code 192.168.1.7}, {@code ::1}); an empty filter takes everyone.
 */
public final class PeerFilter {
  private record Network(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  private final List<Network> networks;
  private final String text;

  private PeerFilter(List<Network> networks, String text) {
    this.networks = List.copyOf(networks);
    this.text = text;
  }

  public static PeerFilter anyone() {
    return new PeerFilter(List.of(), "anyone");
  }

  /**
   * Parses entries such as {@code 10.1.2.0/24}; addresses only, never host names, so a DNS answer
   * cannot widen the list.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or network
   */
  public static PeerFilter of(List<String> entries) {
    List<Network> networks = new ArrayList<>();
    for (String entry : entries) {
      String e = entry.trim();
      int slash = e.indexOf('/');
      String host = slash < 0 ? e : e.substring(0, slash);
      if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or network (e.g. 10.1.2.0/24)");
      }
      byte[] prefix;
      try {
        prefix = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException ex) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or network (e.g. 10.1.2.0/24)");
      }
      int bits = prefix.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(e.substring(slash + 1));
        } catch (NumberFormatException ex) {
          bits = -1;
        }
        if (bits < 0 || bits > prefix.length * 8) {
          throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0 to " + prefix.length * 8);
        }
      }
      networks.add(new Network(prefix, bits));
    }
    return new PeerFilter(networks, entries.isEmpty() ? "anyone" : String.join(", ", entries));
  }

  public boolean allows(InetAddress peer) {
    if (networks.isEmpty()) {
      return true;
    }
    byte[] address = peer.getAddress();
    for (Network n : networks) {
      if (n.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
