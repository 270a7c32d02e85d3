package org.procroom.drivers.ultrasound.mwl;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.procroom.gateway.api.ProcedureView;

/** A procedure of the room as a Modality Worklist record (PS3.4 K.6.1.2), one scheduled step for the ultrasound. */
public final class WorklistItems {
  private WorklistItems() {}

  /** {@code started}: the procedure is open (step STARTED), else scheduled (SCHEDULED). */
  public static AttributeList of(ProcedureView p, String stationAe, ZoneId zone, boolean started)
      throws DicomException {
    ZonedDateTime start = p.openedAt().atZone(zone);
    String shortId = p.id().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    AttributeList item = new AttributeList();
    put(item, new PersonNameAttribute(tag(0x0010, 0x0010)), p.patientName() == null ? "" : p.patientName());
    put(item, new LongStringAttribute(tag(0x0010, 0x0020)), p.patientRef());
    put(item, new ShortStringAttribute(tag(0x0008, 0x0050)), p.accessionNumber() == null ? "" : p.accessionNumber());
    put(item, new UniqueIdentifierAttribute(tag(0x0020, 0x000D)), p.studyInstanceUid());
    put(item, new ShortStringAttribute(tag(0x0040, 0x1001)), shortId);
    put(item, new LongStringAttribute(tag(0x0032, 0x1060)), description(p.procedureType()));
    AttributeList step = new AttributeList();
    put(step, new CodeStringAttribute(tag(0x0008, 0x0060)), "US");
    put(step, new com.pixelmed.dicom.ApplicationEntityAttribute(tag(0x0040, 0x0001)), stationAe);
    put(step, new DateAttribute(tag(0x0040, 0x0002)), start.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8));
    put(step, new TimeAttribute(tag(0x0040, 0x0003)), start.format(DateTimeFormatter.ofPattern("HHmmss")));
    put(step, new ShortStringAttribute(tag(0x0040, 0x0009)), shortId + "-US");
    put(step, new LongStringAttribute(tag(0x0040, 0x0007)), "Ultrasound guidance");
    put(step, new CodeStringAttribute(tag(0x0040, 0x0020)), started ? "STARTED" : "SCHEDULED");
    SequenceAttribute steps = new SequenceAttribute(tag(0x0040, 0x0100));
    steps.addItem(step);
    item.put(steps);
    return item;
  }

  private static String description(String procedureType) {
    return procedureType.equals("TPI") ? "Trigger point injection" : procedureType;
  }

  private static AttributeTag tag(int group, int element) {
    return new AttributeTag(group, element);
  }

  private static void put(AttributeList list, Attribute attribute, String value) throws DicomException {
    if (!value.isEmpty()) {
      attribute.addValue(value);
    }
    list.put(attribute);
  }
}
