package org.procroom.gateway.charting.archive;

/**
 * What a C-STORE response status means for the queue (PS3.4 B.2.3, PS3.7 C): success and the
 * warnings (the archive kept the object, perhaps coerced) are delivered; out of resources is
 * worth sending again later; any other failure (the object refused as it is) is parked.
 */
enum CStoreStatus {
  DELIVERED, SEND_AGAIN, REFUSED;

  static CStoreStatus of(int status) {
    if (status == 0x0000 || (status & 0xF000) == 0xB000) {
      return DELIVERED;
    }
    if ((status & 0xFF00) == 0xA700 || status == 0x0213) {
      return SEND_AGAIN;
    }
    return REFUSED;
  }
}
