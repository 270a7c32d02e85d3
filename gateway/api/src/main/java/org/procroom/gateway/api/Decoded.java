package org.procroom.gateway.api;

/**
 * The one result shape of every frame decoder and message parser: the value, or why the input is
 * invalid. Bad input is a value to record and answer, never an exception and never dropped
 * unseen. Each decoder's own types keep their fields and add this shape.
 *
 * @param <T> what a valid input decodes to
 */
public interface Decoded<T> {
  /** The decoded value; null when the input is invalid. */
  T value();

  /** Null when the input decoded; otherwise why not, in words an engineer can act on. */
  String invalidReason();

  default boolean valid() {
    return invalidReason() == null;
  }

  /** A decoder's valid result type: there is nothing against it. */
  interface Valid<T> extends Decoded<T> {
    @Override
    default String invalidReason() {
      return null;
    }
  }

  /** A decoder's invalid result type: no value, and its {@code reason}. */
  interface Invalid<T> extends Decoded<T> {
    String reason();

    @Override
    default T value() {
      return null;
    }

    @Override
    default String invalidReason() {
      return reason();
    }
  }
}
