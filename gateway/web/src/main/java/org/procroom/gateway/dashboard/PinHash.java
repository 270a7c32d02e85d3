package org.procroom.gateway.dashboard;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Staff PINs and passwords as PBKDF2-HMAC-SHA256 hashes: {@code pbkdf2-sha256$iterations$salt$hash}
 * (salt and hash in Base64). Only hashes are configured; the clear PIN is never stored or logged.
 */
public final class PinHash {
  /** The OWASP figure for PBKDF2-HMAC-SHA256 (2023); hashes made with fewer are still accepted. */
  private static final int ITERATIONS = 600_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PinHash() {}

  public static String hash(char[] pin) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(derive(pin, salt, ITERATIONS));
  }

  /** @throws IllegalArgumentException when {@code stored} is not a hash of this format */
  public static boolean matches(char[] pin, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      throw new IllegalArgumentException("expected pbkdf2-sha256$iterations$salt$hash (from `procroom pin-hash`)");
    }
    int iterations;
    byte[] salt;
    byte[] expected;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected pbkdf2-sha256$iterations$salt$hash (from `procroom pin-hash`)", e);
    }
    return MessageDigest.isEqual(expected, derive(pin, salt, iterations));
  }

  private static final java.util.concurrent.atomic.LongAdder DERIVATIONS = new java.util.concurrent.atomic.LongAdder();

  /** Key derivations so far: what a sign-in costs, counted rather than timed. */
  static long derivations() {
    return DERIVATIONS.sum();
  }

  private static byte[] derive(char[] pin, byte[] salt, int iterations) {
    DERIVATIONS.increment();
    try {
      PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
