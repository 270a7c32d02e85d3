package org.procroom.gateway.charting.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** C-STORE statuses of PS3.4 B.2.3 and PS3.7 C, and what the queue does with each. */
class CStoreStatusTest {
  @Test
  void successAndWarningsAreDelivered() {
    for (int s : new int[] {0x0000, 0xB000, 0xB007, 0xB006}) {
      assertEquals(CStoreStatus.DELIVERED, CStoreStatus.of(s), Integer.toHexString(s));
    }
  }

  @Test
  void outOfResourcesIsSentAgain() {
    for (int s : new int[] {0xA700, 0xA7FF, 0x0213}) {
      assertEquals(CStoreStatus.SEND_AGAIN, CStoreStatus.of(s), Integer.toHexString(s));
    }
  }

  @Test
  void otherFailuresAreRefusals() {
    for (int s : new int[] {0xA900, 0xC000, 0xCFFF, 0x0122, 0x0124, 0x0211, 0x0110, 0xFFFF}) {
      assertEquals(CStoreStatus.REFUSED, CStoreStatus.of(s), Integer.toHexString(s));
    }
  }
}
