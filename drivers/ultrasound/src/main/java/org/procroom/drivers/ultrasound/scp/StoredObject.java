package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the record keeps of a received DICOM object. The acquisition time is chosen as
 * AcquisitionDateTime, else ContentDate/Time, else InstanceCreationDate/Time, in the offset of
 * TimezoneOffsetFromUTC when given and otherwise in the modality's configured zone. Text is read in
 * the object's Specific Character Set (any of PS3.3 C.12.1.1.2's, ISO 2022 code extensions too).
 */
public record StoredObject(
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
    String patientId,
    String patientName,
    String accessionNumber) {

  static final AttributeTag SOP_CLASS = new AttributeTag(0x0008, 0x0016);
  static final AttributeTag SOP_INSTANCE = new AttributeTag(0x0008, 0x0018);
  static final AttributeTag STUDY = new AttributeTag(0x0020, 0x000D);
  static final AttributeTag SERIES = new AttributeTag(0x0020, 0x000E);
  static final AttributeTag MODALITY = new AttributeTag(0x0008, 0x0060);
  static final AttributeTag TRANSFER_SYNTAX = new AttributeTag(0x0002, 0x0010);
  static final AttributeTag FRAMES = new AttributeTag(0x0028, 0x0008);
  static final AttributeTag FRAME_TIME = new AttributeTag(0x0018, 0x1063);
  static final AttributeTag ACQUISITION_DATETIME = new AttributeTag(0x0008, 0x002A);
  static final AttributeTag CONTENT_DATE = new AttributeTag(0x0008, 0x0023);
  static final AttributeTag CONTENT_TIME = new AttributeTag(0x0008, 0x0033);
  static final AttributeTag CREATION_DATE = new AttributeTag(0x0008, 0x0012);
  static final AttributeTag CREATION_TIME = new AttributeTag(0x0008, 0x0013);
  static final AttributeTag TIMEZONE_OFFSET = new AttributeTag(0x0008, 0x0201);
  static final AttributeTag PATIENT_ID = new AttributeTag(0x0010, 0x0020);
  static final AttributeTag PATIENT_NAME = new AttributeTag(0x0010, 0x0010);
  static final AttributeTag ACCESSION = new AttributeTag(0x0008, 0x0050);
  static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

  /** Reads the header of a Part-10 file (pixel data is not read). */
  public static StoredObject read(Path file, ZoneId modalityZone) throws IOException, DicomException {
    AttributeList list = new AttributeList();
    try (DicomInputStream in = new DicomInputStream(file.toFile())) {
      list.read(in, PIXEL_DATA);
    } catch (RuntimeException e) {
      // The toolkit throws unchecked exceptions on some malformed encodings: a refusal like any other.
      throw new DicomException("unreadable DICOM object: " + e);
    }
    ZoneOffset offset = offset(text(list, TIMEZONE_OFFSET), modalityZone);
    OffsetDateTime time = null;
    String source = null;
    String acquisition = text(list, ACQUISITION_DATETIME);
    if (!acquisition.isEmpty()) {
      time = dateTime(acquisition, offset);
      source = "AcquisitionDateTime";
    }
    if (time == null && !text(list, CONTENT_DATE).isEmpty()) {
      time = dateAndTime(text(list, CONTENT_DATE), text(list, CONTENT_TIME), offset);
      source = "ContentDate/ContentTime";
    }
    if (time == null && !text(list, CREATION_DATE).isEmpty()) {
      time = dateAndTime(text(list, CREATION_DATE), text(list, CREATION_TIME), offset);
      source = "InstanceCreationDate/InstanceCreationTime";
    }
    String frameTime = text(list, FRAME_TIME);
    return new StoredObject(text(list, SOP_CLASS), text(list, SOP_INSTANCE), text(list, STUDY), text(list, SERIES),
        text(list, MODALITY), text(list, TRANSFER_SYNTAX), Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, FRAMES, 1)),
        decimal(frameTime), time, time == null ? null : source,
        text(list, PATIENT_ID), text(list, PATIENT_NAME), text(list, ACCESSION));
  }

  /**
   * Whether two DICOM person names name the same person for the patient check: their alphabetic
   * groups (before any '='), family and given names, case and trailing empty components aside.
   */
  public static boolean samePerson(String a, String b) {
    return person(a).equals(person(b));
  }

  private static String person(String pn) {
    String alphabetic = pn.split("=", -1)[0];
    String[] parts = alphabetic.split("\\^", -1);
    String family = parts.length > 0 ? parts[0].trim() : "";
    String given = parts.length > 1 ? parts[1].trim() : "";
    return (family + "^" + given).toUpperCase(java.util.Locale.ROOT);
  }

  /** TimezoneOffsetFromUTC (+HHMM), else the modality's configured zone. */
  private static ZoneOffset offset(String tz, ZoneId modalityZone) {
    if (tz.matches("[+-]\\d{4}")) {
      try {
        return ZoneOffset.of(tz.substring(0, 3) + ":" + tz.substring(3));
      } catch (DateTimeException e) {
        // out of range, e.g. +9999: the configured zone is the better guess
      }
    }
    return modalityZone.getRules().getOffset(java.time.Instant.now());
  }

  private static Double decimal(String ds) {
    try {
      return ds.isEmpty() ? null : Double.valueOf(ds);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(AttributeList list, AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
  }

  /**
   * DICOM DT: YYYYMMDDHHMMSS.FFFFFF with an optional &ZZXX offset; shorter forms are allowed. Null
   * when unreadable (the next time source is used).
   */
  static OffsetDateTime dateTime(String dt, ZoneOffset fallback) {
    String value = dt.trim();
    ZoneOffset offset = fallback;
    int sign = Math.max(value.lastIndexOf('+'), value.lastIndexOf('-'));
    try {
      if (sign >= 8) {
        offset = ZoneOffset.of(value.substring(sign, sign + 3) + ":" + value.substring(sign + 3, sign + 5));
        value = value.substring(0, sign);
      }
    } catch (DateTimeException | IndexOutOfBoundsException e) {
      return null;
    }
    if (value.length() < 8) {
      return null;
    }
    return dateAndTime(value.substring(0, 8), value.substring(8), offset);
  }

  static OffsetDateTime dateAndTime(String da, String tm, ZoneOffset offset) {
    try {
      LocalDate date = LocalDate.parse(da.trim(), DateTimeFormatter.BASIC_ISO_DATE);
      return LocalDateTime.of(date, time(tm.trim())).atOffset(offset);
    } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
      // Out-of-range fields (second 80) and short values too: found by fuzzing.
      return null;
    }
  }

  /** DICOM TM: HH, HHMM, HHMMSS or HHMMSS.F to .FFFFFF. */
  static LocalTime time(String tm) {
    if (tm.isEmpty()) {
      return LocalTime.MIDNIGHT;
    }
    int hour = Integer.parseInt(tm.substring(0, 2));
    int minute = tm.length() >= 4 ? Integer.parseInt(tm.substring(2, 4)) : 0;
    int second = tm.length() >= 6 ? Integer.parseInt(tm.substring(4, 6)) : 0;
    int nanos = 0;
    if (tm.length() > 7 && tm.charAt(6) == '.') {
      String fraction = (tm.substring(7) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(fraction);
    }
    return LocalTime.of(hour, minute, second, nanos);
  }
}
