package org.procroom.gateway.charting.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An acknowledgement is read for its code, the control id it names and the engine's words. */
class Hl7AckTest {
  @Test
  void anAcceptAcknowledgementNamesTheMessage() {
    Hl7Ack ack = Hl7Ack.read("MSH|^~\\&|ENGINE||PROCROOM||20261201100000||ACK^R01^ACK|A1|P|2.6\rMSA|AA|0190-msg-1\r");
    assertTrue(ack.accepted());
    assertEquals("0190-msg-1", ack.controlId());
  }

  @Test
  void aRefusalCarriesTheEnginesText() {
    // HAPI's AE: the text in ERR-3's original-text component, ERR-8 empty.
    Hl7Ack ae = Hl7Ack.read("MSH|^~\\&|||||20261201||ACK^R01^ACK|A2|P|2.6\rMSA|AE|m2\r"
        + "ERR|||207^Application internal error^HL70357^^^^^^unknown patient in PID-3|E\r");
    assertFalse(ae.accepted());
    assertEquals("AE", ae.code());
    assertEquals("207 Application internal error HL70357 unknown patient in PID-3", ae.text());
    Hl7Ack ar = Hl7Ack.read("MSH|^~\\&|||||20261201||ACK|A3|P|2.6\rMSA|AR|m3|message type not supported\r"
        + "ERR||MSH^1^9|200^Unsupported message type^HL70357|E||||not an ORU\r");
    assertEquals("message type not supported", ar.text(), "MSA-3 first");
    Hl7Ack err8 = Hl7Ack.read("MSH|^~\\&|||||20261201||ACK|A4|P|2.6\rMSA|CE|m4\rERR||PID^1^3|204^Unknown key identifier^HL70357|E||||MRN not on file\r");
    assertEquals("MRN not on file", err8.text(), "then ERR-8");
  }

  @Test
  void aMessageWithoutMsaIsNoAcknowledgement() {
    assertNull(Hl7Ack.read("MSH|^~\\&|||||20261201||ORU^R01|X|P|2.6\rPID|||1\r"));
  }
}
