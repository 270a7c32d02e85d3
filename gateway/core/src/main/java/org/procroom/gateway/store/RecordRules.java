package org.procroom.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.procroom.gateway.api.DeviceEvent;

/**
 * Events the record derives from an event inside the same transaction, right after it: phase
 * changes and warnings. Derived events do not derive further.
 */
public interface RecordRules {
  /** A derived event: its type, its payload, and the phase the procedure is in afterwards (null: unchanged). */
  record Derived(String type, JsonNode payload, String phase) {}

  List<Derived> derive(Procedure procedure, DeviceEvent event, Facts facts);

  /** What the rules may ask of the record so far, inside the transaction. */
  interface Facts {
    boolean hasEvent(String procedureId, String type, String payloadField, String value);
  }

  RecordRules NONE = (procedure, event, facts) -> List.of();
}
