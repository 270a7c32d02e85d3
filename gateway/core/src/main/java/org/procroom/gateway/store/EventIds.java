package org.procroom.gateway.store;

import java.security.SecureRandom;
import java.util.UUID;

/** UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits; unique and roughly time-ordered. */
public final class EventIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EventIds() {}

  public static String next() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
