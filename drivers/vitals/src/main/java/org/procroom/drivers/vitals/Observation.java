package org.procroom.drivers.vitals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One normalised measurement.
 *
 * @param code   MDC reference id, e.g. {@code MDC_ECG_HEART_RATE}
 * @param mdc    MDC numeric code, e.g. 147842
 * @param value  the value in {@code unit}, or null when the device marks it as unavailable
 * @param unit   UCUM unit
 * @param status why there is no value ({@code invalid}, {@code not-updated}, {@code under-range}, ...), else null
 * @param observedAt when it was measured, if the message says so apart from the set's time (PCD-01 OBX-14)
 * @param method     {@code APERIODIC} for episodic measurements such as NIBP (PCD-01 OBX-17), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(String code, int mdc, Double value, String unit, String status, Instant observedAt,
    String method) {}
