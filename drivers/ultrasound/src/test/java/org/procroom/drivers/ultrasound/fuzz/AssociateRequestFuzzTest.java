package org.procroom.drivers.ultrasound.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.procroom.drivers.ultrasound.scp.AssociateRequest;

/**
 * The proposed abstract syntaxes are read from the peer's bytes before any toolkit checks them,
 * to choose the acceptor: whatever the bytes, the reading ends with a list (empty when the items
 * do not fit), never an exception on the association's thread.
 */
class AssociateRequestFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void anyRequestGivesAListOfSyntaxes(byte[] bytes) {
    new AssociateRequest(bytes, "", "").abstractSyntaxes();
  }
}
