package org.procroom.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A committed event as it stands in the record and on the feed.
 *
 * @param eventId     time-ordered UUID (version 7), unique forever; consumers de-duplicate by it
 * @param seq         position in this gateway's event log, gap-free and increasing across restarts
 * @param room        the room the gateway serves
 * @param procedureId the open procedure when the event was committed, or null
 * @param recordSeq   position inside that procedure's record, or null without a procedure
 * @param deviceId    configured device id
 * @param deviceKind  kind of device, from its driver
 * @param type        dotted event type
 * @param deviceTime  device clock, or null
 * @param receivedAt  gateway clock (UTC, microseconds)
 * @param payload     typed payload as JSON
 */
public record DeviceEvent(
    String eventId,
    long seq,
    String room,
    String procedureId,
    Long recordSeq,
    String deviceId,
    String deviceKind,
    String type,
    Instant deviceTime,
    Instant receivedAt,
    JsonNode payload) {}
