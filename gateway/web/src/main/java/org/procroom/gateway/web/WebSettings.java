package org.procroom.gateway.web;

import java.nio.file.Path;
import org.procroom.gateway.api.DriverSettings;

/**
 * What the web side is configured with.
 *
 * @param room      the room's name, shown and answered
 * @param dashboard the {@code dashboard} section (staff, sign-in, public view)
 * @param tls       the {@code http.tls} section (HTTPS when it names a key store)
 * @param dataDir   the gateway's data folder (thumbnails below it)
 * @param timeZone  the room's time zone, for times people read (reports)
 */
public record WebSettings(String room, DriverSettings dashboard, DriverSettings tls, Path dataDir,
    java.time.ZoneId timeZone) {}
