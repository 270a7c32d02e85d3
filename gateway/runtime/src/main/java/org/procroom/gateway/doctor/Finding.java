package org.procroom.gateway.doctor;

/** The outcome of one check: what was looked at, how it stands and, when not OK, what to do. */
public record Finding(Level level, String check, String subject, String message) {
  public enum Level { OK, WARN, FAIL }

  static Finding ok(String check, String subject, String message) {
    return new Finding(Level.OK, check, subject, message);
  }

  static Finding warn(String check, String subject, String message) {
    return new Finding(Level.WARN, check, subject, message);
  }

  static Finding fail(String check, String subject, String message) {
    return new Finding(Level.FAIL, check, subject, message);
  }
}
