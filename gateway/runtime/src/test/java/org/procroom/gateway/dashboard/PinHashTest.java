package org.procroom.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PinHashTest {
  @Test
  void verifiesThePublishedPbkdf2HmacSha256Vector() {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1; the first 32 bytes of DK.
    byte[] dk = HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    String stored = "pbkdf2-sha256$1$" + Base64.getEncoder().encodeToString("salt".getBytes(StandardCharsets.US_ASCII))
        + "$" + Base64.getEncoder().encodeToString(dk);
    assertTrue(PinHash.matches("passwd".toCharArray(), stored));
    assertFalse(PinHash.matches("passwe".toCharArray(), stored));
  }

  @Test
  void hashesAreSaltedAndVerify() {
    String a = PinHash.hash("4711".toCharArray());
    String b = PinHash.hash("4711".toCharArray());
    assertNotEquals(a, b, "a fresh salt each time");
    assertTrue(a.startsWith("pbkdf2-sha256$600000$"), "OWASP 2023 iterations for PBKDF2-HMAC-SHA256: " + a);
    assertTrue(PinHash.matches("4711".toCharArray(), b));
    assertFalse(PinHash.matches("4712".toCharArray(), b));
  }

  @Test
  void aClearPinInTheConfigurationIsRefusedWithTheFormatNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PinHash.matches(new char[0], "4711"));
    assertEquals("expected pbkdf2-sha256$iterations$salt$hash (from `procroom pin-hash`)", e.getMessage());
  }
}
