package org.procroom.gateway.store;

/** The store could not commit; the message says why in words an engineer can act on (e.g. disk full). */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
