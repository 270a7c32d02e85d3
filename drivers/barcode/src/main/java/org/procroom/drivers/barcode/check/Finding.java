package org.procroom.drivers.barcode.check;

import org.procroom.gateway.api.Severity;

/**
 * One result of the point-of-care checks.
 *
 * @param code     stable machine code, e.g. {@code EXPIRED}, {@code RECALLED}, {@code WRONG_PATIENT}
 * @param severity how loudly to say it
 * @param message  what staff read on the screen
 */
public record Finding(String code, Severity severity, String message) {}
