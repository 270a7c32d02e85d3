package org.procroom.drivers.ultrasound.scp;

import org.procroom.gateway.api.EventTypes;
import org.procroom.gateway.api.Severity;
import java.time.OffsetDateTime;

/**
 * Payload of {@code dicom.stored} and {@code dicom.quarantined}: one object received and kept.
 *
 * @param file      path below the data folder
 * @param thumbnail a JPEG of the first frame below the data folder, or null when it could not be rendered
 * @param duplicate null, {@code identical-resend} or {@code different-content} (both kept)
 * @param severity  ok; warning for a different object under a known SOP Instance UID; critical when quarantined
 * @param reason    why it was quarantined or flagged, else null
 */
public record DicomStored(
    String sopClassUid,
    String sopInstanceUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    String modality,
    String transferSyntaxUid,
    int frames,
    Double frameTimeMs,
    OffsetDateTime acquisitionTime,
    String timeSource,
    String callingAe,
    String file,
    String thumbnail,
    long bytes,
    String sha256,
    String duplicate,
    Severity severity,
    String reason) {
  public static final String STORED = EventTypes.DICOM_STORED;
  public static final String QUARANTINED = EventTypes.DICOM_QUARANTINED;
}
