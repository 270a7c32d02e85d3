package org.procroom.drivers.ultrasound.commit;

/** One object named in a storage commitment request (an item of the Referenced SOP Sequence). */
public record Reference(String sopClassUid, String sopInstanceUid) {}
