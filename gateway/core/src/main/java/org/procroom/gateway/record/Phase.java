package org.procroom.gateway.record;

import java.util.Locale;

/** The phases of a trigger point injection, in their usual order (shared/notes/procedure.md). */
public enum Phase {
  ASSESSMENT, PREPARATION, LOCAL_ANAESTHESIA, GUIDANCE, INJECTION, RECOVERY, FOLLOW_UP;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Phase of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
