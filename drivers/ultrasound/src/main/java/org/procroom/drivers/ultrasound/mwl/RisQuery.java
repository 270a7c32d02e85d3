package org.procroom.drivers.ultrasound.mwl;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import org.procroom.gateway.api.ScheduledStep;

/**
 * The gateway as a Modality Worklist user toward the site's RIS (PS3.4 K.6): the query for the
 * room's station and day, and each answer read into a {@link ScheduledStep}, or the reason it
 * cannot be one (no accession number, no patient id, no study UID, an unreadable start) so that no
 * answer is silently dropped.
 */
public final class RisQuery {
  private static final AttributeTag SPS = tag(0x0040, 0x0100);
  private static final AttributeTag STATION_AE = tag(0x0040, 0x0001);
  private static final AttributeTag START_DATE = tag(0x0040, 0x0002);
  private static final AttributeTag START_TIME = tag(0x0040, 0x0003);
  private static final AttributeTag MODALITY = tag(0x0008, 0x0060);
  private static final AttributeTag SPS_DESCRIPTION = tag(0x0040, 0x0007);
  private static final AttributeTag PATIENT_NAME = tag(0x0010, 0x0010);
  private static final AttributeTag PATIENT_ID = tag(0x0010, 0x0020);
  private static final AttributeTag ACCESSION = tag(0x0008, 0x0050);
  private static final AttributeTag STUDY_UID = tag(0x0020, 0x000D);
  private static final AttributeTag REQUESTED_PROCEDURE_ID = tag(0x0040, 0x1001);
  private static final AttributeTag CHARSET = tag(0x0008, 0x0005);

  /** An answer read: the step, or why it is not one. */
  public record Answer(ScheduledStep step, String refusal) {}

  private RisQuery() {}

  /** The identifier: steps for {@code stationAe} starting on {@code day}, of {@code modality}; the keys the room needs returned. */
  public static AttributeList identifier(String stationAe, LocalDate day, String modality) throws DicomException {
    AttributeList sps = new AttributeList();
    put(sps, STATION_AE, "AE", stationAe);
    put(sps, START_DATE, "DA", day.format(DateTimeFormatter.BASIC_ISO_DATE));
    put(sps, START_TIME, "TM", "");
    put(sps, MODALITY, "CS", modality);
    put(sps, SPS_DESCRIPTION, "LO", "");
    AttributeList list = new AttributeList();
    SequenceAttribute sequence = new SequenceAttribute(SPS);
    sequence.addItem(sps);
    list.put(sequence);
    put(list, CHARSET, "CS", "ISO_IR 192");
    put(list, PATIENT_NAME, "PN", "");
    put(list, PATIENT_ID, "LO", "");
    put(list, ACCESSION, "SH", "");
    put(list, STUDY_UID, "UI", "");
    put(list, REQUESTED_PROCEDURE_ID, "SH", "");
    return list;
  }

  /** One C-FIND answer, start times read in {@code zone} (the RIS's local time). */
  public static Answer read(AttributeList answer, ZoneId zone, String procedureType) {
    String accession = text(answer, ACCESSION);
    if (accession.isEmpty()) {
      return refused("no Accession Number (0008,0050): the room cannot tell orders apart");
    }
    String patient = text(answer, PATIENT_ID);
    if (patient.isEmpty()) {
      return refused("no Patient ID (0010,0020): the patient cannot be checked at the wristband");
    }
    String study = text(answer, STUDY_UID);
    if (!study.matches("[0-9]+(\\.[0-9]+)*") || study.length() > 64) {
      return refused("no valid Study Instance UID (0020,000D) for the modality to reuse");
    }
    AttributeList sps = null;
    if (answer.get(SPS) instanceof SequenceAttribute s && s.getNumberOfItems() > 0) {
      Iterator<?> i = s.iterator();
      sps = ((SequenceItem) i.next()).getAttributeList();
    }
    if (sps == null) {
      return refused("no Scheduled Procedure Step Sequence (0040,0100)");
    }
    Instant start;
    try {
      LocalDate date = LocalDate.parse(text(sps, START_DATE), DateTimeFormatter.BASIC_ISO_DATE);
      String time = text(sps, START_TIME);
      LocalTime at = time.isEmpty() ? LocalTime.MIDNIGHT : time(time);
      start = LocalDateTime.of(date, at).atZone(zone).toInstant();
    } catch (DateTimeException | IllegalArgumentException e) {
      return refused("unreadable Scheduled Procedure Step Start Date/Time (0040,0002/0003)");
    }
    String name = text(answer, PATIENT_NAME);
    return new Answer(new ScheduledStep(accession, patient, name.isEmpty() ? null : name, procedureType, start, study),
        null);
  }

  /** DICOM TM: HH, HHMM, HHMMSS or HHMMSS.FFFFFF (also the old HH:MM:SS). */
  private static LocalTime time(String tm) {
    String t = tm.replace(":", "");
    int dot = t.indexOf('.');
    String whole = dot < 0 ? t : t.substring(0, dot);
    if (!whole.matches("\\d{2}|\\d{4}|\\d{6}")) {
      throw new IllegalArgumentException("TM " + tm);
    }
    int hour = Integer.parseInt(whole.substring(0, 2));
    int minute = whole.length() >= 4 ? Integer.parseInt(whole.substring(2, 4)) : 0;
    int second = whole.length() == 6 ? Integer.parseInt(whole.substring(4, 6)) : 0;
    return LocalTime.of(hour, minute, second);
  }

  private static Answer refused(String why) {
    return new Answer(null, why);
  }

  private static String text(AttributeList list, AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
  }

  private static void put(AttributeList list, AttributeTag tag, String vr, String value) throws DicomException {
    Attribute a = AttributeFactory.of(tag, vr);
    if (!value.isEmpty()) {
      a.addValue(value);
    }
    list.put(a);
  }

  private static AttributeTag tag(int group, int element) {
    return new AttributeTag(group, element);
  }

  /** The attribute class of a VR. */
  private static final class AttributeFactory {
    static Attribute of(AttributeTag tag, String vr) {
      return switch (vr) {
        case "AE" -> new com.pixelmed.dicom.ApplicationEntityAttribute(tag);
        case "DA" -> new com.pixelmed.dicom.DateAttribute(tag);
        case "TM" -> new com.pixelmed.dicom.TimeAttribute(tag);
        case "CS" -> new com.pixelmed.dicom.CodeStringAttribute(tag);
        case "LO" -> new com.pixelmed.dicom.LongStringAttribute(tag);
        case "PN" -> new com.pixelmed.dicom.PersonNameAttribute(tag);
        case "SH" -> new com.pixelmed.dicom.ShortStringAttribute(tag);
        case "UI" -> new com.pixelmed.dicom.UniqueIdentifierAttribute(tag);
        default -> throw new IllegalArgumentException(vr);
      };
    }
  }
}
