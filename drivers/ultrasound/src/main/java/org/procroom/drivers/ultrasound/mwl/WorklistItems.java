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
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.procroom.gateway.api.ProcedureView;

/**
 * A procedure of the room as a Modality Worklist record (PS3.4 K.6.1.2), one scheduled step for the
 * ultrasound. Its text is in the default repertoire when it is ASCII; else in the single-byte set the
 * query asked for (its Specific Character Set) when that holds every character, else in UTF-8
 * (ISO_IR 192); the record declares which in (0008,0005), so a modality never burns a name
 * misread into its images.
 */
public final class WorklistItems {
  static final AttributeTag SPECIFIC_CHARACTER_SET = new AttributeTag(0x0008, 0x0005);
  /**
   * The single-byte sets of PS3.3 C.12.1.1.2 a query may ask for, with their Java charsets: those
   * PixelMed encodes (it writes ISO_IR 203 as ASCII, so Latin-9 is answered in UTF-8; an ISO 2022
   * term is answered in UTF-8 too).
   */
  private static final java.util.Map<String, String> SINGLE_BYTE = java.util.Map.of("ISO_IR 100", "ISO-8859-1",
      "ISO_IR 101", "ISO-8859-2", "ISO_IR 109", "ISO-8859-3", "ISO_IR 110", "ISO-8859-4", "ISO_IR 144", "ISO-8859-5",
      "ISO_IR 127", "ISO-8859-6", "ISO_IR 126", "ISO-8859-7", "ISO_IR 138", "ISO-8859-8", "ISO_IR 148", "ISO-8859-9");

  private WorklistItems() {}

  /**
   * {@code started}: the procedure is open (step STARTED), else scheduled (SCHEDULED);
   * {@code asked}: the Specific Character Set of the query, maybe empty.
   */
  public static AttributeList of(ProcedureView p, String stationAe, ZoneId zone, boolean started, String asked)
      throws DicomException {
    ZonedDateTime start = p.openedAt().atZone(zone);
    String shortId = p.id().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    String text = (p.patientName() == null ? "" : p.patientName()) + p.patientRef()
        + (p.accessionNumber() == null ? "" : p.accessionNumber()) + description(p.procedureType());
    String term = characterSet(text, asked);
    SpecificCharacterSet set = term == null ? null : new SpecificCharacterSet(new String[] {term});
    AttributeList item = new AttributeList();
    if (term != null) {
      put(item, new CodeStringAttribute(SPECIFIC_CHARACTER_SET), term);
    }
    put(item, new PersonNameAttribute(tag(0x0010, 0x0010), set), p.patientName() == null ? "" : p.patientName());
    put(item, new LongStringAttribute(tag(0x0010, 0x0020), set), p.patientRef());
    put(item, new ShortStringAttribute(tag(0x0008, 0x0050), set), p.accessionNumber() == null ? "" : p.accessionNumber());
    put(item, new UniqueIdentifierAttribute(tag(0x0020, 0x000D)), p.studyInstanceUid());
    put(item, new ShortStringAttribute(tag(0x0040, 0x1001)), shortId);
    put(item, new LongStringAttribute(tag(0x0032, 0x1060), set), description(p.procedureType()));
    AttributeList step = new AttributeList();
    put(step, new CodeStringAttribute(tag(0x0008, 0x0060)), "US");
    put(step, new com.pixelmed.dicom.ApplicationEntityAttribute(tag(0x0040, 0x0001)), stationAe);
    put(step, new DateAttribute(tag(0x0040, 0x0002)), start.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8));
    put(step, new TimeAttribute(tag(0x0040, 0x0003)), start.format(DateTimeFormatter.ofPattern("HHmmss")));
    put(step, new ShortStringAttribute(tag(0x0040, 0x0009)), shortId + "-US");
    put(step, new LongStringAttribute(tag(0x0040, 0x0007), set), "Ultrasound guidance");
    put(step, new CodeStringAttribute(tag(0x0040, 0x0020)), started ? "STARTED" : "SCHEDULED");
    SequenceAttribute steps = new SequenceAttribute(tag(0x0040, 0x0100));
    steps.addItem(step);
    item.put(steps);
    return item;
  }

  /** Null for ASCII text (the default repertoire); the asked single-byte set when it holds the text; else UTF-8. */
  static String characterSet(String text, String asked) {
    if (text.chars().allMatch(c -> c < 0x80)) {
      return null;
    }
    String charset = SINGLE_BYTE.get(asked == null ? "" : asked.strip());
    if (charset != null && java.nio.charset.Charset.forName(charset).newEncoder().canEncode(text)) {
      return asked.strip();
    }
    return "ISO_IR 192";
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
