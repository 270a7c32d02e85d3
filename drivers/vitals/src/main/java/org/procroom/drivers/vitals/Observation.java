package org.procroom.drivers.vitals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One normalised measurement. A value is present only when it is a real patient value: every
 * "no value" (device markers, vendor sentinels, statuses that withdraw a result, implausible
 * numbers) leaves {@code value} empty and says why in {@code status}.
 *
 * @param code           MDC reference id, e.g. {@code MDC_ECG_HEART_RATE}; for a vendor code, the vendor's text or code
 * @param mdc            MDC numeric code, e.g. 147842; null for a vendor code
 * @param codingSystem   {@code MDC}, or the vendor's coding system (PCD-01 OBX-3.3, e.g. {@code 99MNDRY})
 * @param channel        where on the device it was measured (PCD-01 OBX-4 containment, e.g. {@code 1.3.1.150456});
 *                       with the device and code it tells two SpO2 channels apart
 * @param value          the value in {@code unit}, or null; see {@code status}
 * @param unit           UCUM; null when the device's unit is not known as UCUM (then {@code unitReceived})
 * @param status         why there is no value ({@code invalid}, {@code cannot-be-obtained}, {@code sentinel}, {@code implausible}, ...)
 * @param observedAt     when it was measured, if the message says so apart from the set's time (PCD-01 OBX-14)
 * @param method         {@code APERIODIC} for episodic measurements such as NIBP (PCD-01 OBX-17), else null
 * @param resultStatus   PCD-01 OBX-11 as sent (F, R, C, P, S, U, D, W, X, N)
 * @param corrects       for a correction or deletion: the channel and time of the result it changes
 * @param valueReceived  the value as sent, when it was not taken as a number
 * @param unitReceived   the unit as sent, when it is not (or not known as) UCUM
 * @param equipmentId    the measuring device's identity (PCD-01 OBX-18, e.g. an EUI-64)
 * @param site           body site (PCD-01 OBX-20)
 * @param referenceRange the device's reference range (PCD-01 OBX-7)
 * @param flags          abnormal flags (PCD-01 OBX-8)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Observation(String code, Integer mdc, String codingSystem, String channel, Double value, String unit,
    String status, Instant observedAt, String method, String resultStatus, String corrects, String valueReceived,
    String unitReceived, String equipmentId, String site, String referenceRange, List<String> flags) {
  public Observation {
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** An MDC-coded measurement with no more than a value, unit, status, time and method (S/5, Masimo). */
  public Observation(String code, int mdc, Double value, String unit, String status, Instant observedAt,
      String method) {
    this(code, mdc, "MDC", null, value, unit, status, observedAt, method, null, null, null, null, null, null, null,
        List.of());
  }

  /** The same measurement without a usable value: {@code why} names the reason, the number is kept as received. */
  public Observation withoutValue(String why) {
    String received = valueReceived != null ? valueReceived : value == null ? null : number(value);
    return new Observation(code, mdc, codingSystem, channel, null, unit, why, observedAt, method, resultStatus,
        corrects, received, unitReceived, equipmentId, site, referenceRange, flags);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
