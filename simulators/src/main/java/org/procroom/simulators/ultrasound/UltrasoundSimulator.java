package org.procroom.simulators.ultrasound;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DateTimeAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.StorageSOPClassSCU;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ultrasound scanner storing what it captures during needle guidance: single images and cine
 * clips (US Image Storage, US Multi-frame Image Storage) with acquisition, content and creation
 * times from its own clock, which may be set off the gateway's.
 */
public final class UltrasoundSimulator {
  static final String US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";
  static final String US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1";
  private static final String UID_ROOT = "1.2.826.0.1.3680043.10.99.";
  private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS");
  private static final int SIZE = 64;

  private final String host;
  private final int port;
  private final String calledAe;
  private final String callingAe;
  private final Path workDir;
  private final Duration clockOffset;
  private final long session = System.currentTimeMillis();
  private final AtomicInteger counter = new AtomicInteger();

  public UltrasoundSimulator(String host, int port, String calledAe, String callingAe, Path workDir, Duration clockOffset) {
    this.host = host;
    this.port = port;
    this.calledAe = calledAe;
    this.callingAe = callingAe;
    this.workDir = workDir;
    this.clockOffset = clockOffset;
  }

  /** A worklist item as the scanner shows it to the sonographer. */
  public record WorklistEntry(String patientId, String patientName, String accessionNumber, String studyInstanceUid) {}

  /** Asks the worklist (C-FIND, Modality Worklist) for ultrasound steps scheduled on this station. */
  public java.util.List<WorklistEntry> worklist() throws IOException, DicomException, DicomNetworkException {
    AttributeList query = new AttributeList();
    put(query, new PersonNameAttribute(tag(0x0010, 0x0010)), "");
    put(query, new LongStringAttribute(tag(0x0010, 0x0020)), "");
    put(query, new ShortStringAttribute(tag(0x0008, 0x0050)), "");
    put(query, new UniqueIdentifierAttribute(tag(0x0020, 0x000D)), "");
    AttributeList step = new AttributeList();
    put(step, new CodeStringAttribute(tag(0x0008, 0x0060)), "US");
    put(step, new com.pixelmed.dicom.ApplicationEntityAttribute(tag(0x0040, 0x0001)), callingAe);
    com.pixelmed.dicom.SequenceAttribute steps = new com.pixelmed.dicom.SequenceAttribute(tag(0x0040, 0x0100));
    steps.addItem(step);
    query.put(steps);
    java.util.List<WorklistEntry> entries = new java.util.ArrayList<>();
    new com.pixelmed.network.FindSOPClassSCU(host, port, calledAe, callingAe, "1.2.840.10008.5.1.4.31", query,
        new com.pixelmed.network.IdentifierHandler() {
          @Override
          public void doSomethingWithIdentifier(AttributeList item) {
            entries.add(new WorklistEntry(text(item, 0x0010, 0x0020), text(item, 0x0010, 0x0010),
                text(item, 0x0008, 0x0050), text(item, 0x0020, 0x000D)));
          }
        }, 0);
    return entries;
  }

  private static String text(AttributeList list, int group, int element) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag(group, element)).trim();
  }

  /** Stores one object of {@code frames} frames (1: a still image) for the patient and study; returns its SOP Instance UID. */
  public String store(String patientId, String accession, String studyUid, int frames)
      throws IOException, DicomException, DicomNetworkException {
    return store(patientId, accession, studyUid, frames, true);
  }

  /**
   * As {@link #store(String, String, String, int)}; {@code jpeg} sends JPEG baseline (each frame
   * compressed, as ultrasound scanners send cine), otherwise explicit VR little endian.
   */
  public String store(String patientId, String accession, String studyUid, int frames, boolean jpeg)
      throws IOException, DicomException, DicomNetworkException {
    Files.createDirectories(workDir);
    Written object = write(Files.createTempFile(workDir, "us-", ".dcm"), patientId, accession, studyUid, frames, jpeg, SIZE);
    new StorageSOPClassSCU(host, port, calledAe, callingAe, object.file().toString(), object.sopClassUid(),
        object.sopInstanceUid(), 0);
    Files.deleteIfExists(object.file());
    return object.sopInstanceUid();
  }

  /** An object written to a file, with the UIDs a C-STORE of it names. */
  public record Written(Path file, String sopClassUid, String sopInstanceUid) {}

  /**
   * Writes the next object as this scanner would send it, {@code size} pixels square, without
   * sending it: a corpus for load tests.
   */
  public Written write(Path file, String patientId, String accession, String studyUid, int frames, boolean jpeg, int size)
      throws IOException, DicomException {
    int n = counter.incrementAndGet();
    String sopClass = frames > 1 ? US_MULTIFRAME : US_IMAGE;
    String sopInstance = UID_ROOT + session + "." + n;
    ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault()).plus(clockOffset);
    AttributeList list = new AttributeList();
    put(list, new UniqueIdentifierAttribute(tag(0x0008, 0x0016)), sopClass);
    put(list, new UniqueIdentifierAttribute(tag(0x0008, 0x0018)), sopInstance);
    put(list, new DateTimeAttribute(tag(0x0008, 0x002A)), DT.format(now));
    put(list, new DateAttribute(tag(0x0008, 0x0023)), now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8));
    put(list, new TimeAttribute(tag(0x0008, 0x0033)), now.format(DateTimeFormatter.ofPattern("HHmmss")));
    put(list, new ShortStringAttribute(tag(0x0008, 0x0201)), now.getOffset().getId().replace(":", "").replace("Z", "+0000"));
    put(list, new ShortStringAttribute(tag(0x0008, 0x0050)), accession);
    put(list, new CodeStringAttribute(tag(0x0008, 0x0060)), "US");
    put(list, new PersonNameAttribute(tag(0x0010, 0x0010)), "SIMULATED^PATIENT");
    put(list, new LongStringAttribute(tag(0x0010, 0x0020)), patientId);
    put(list, new UniqueIdentifierAttribute(tag(0x0020, 0x000D)), studyUid);
    put(list, new UniqueIdentifierAttribute(tag(0x0020, 0x000E)), studyUid + ".1");
    put(list, new IntegerStringAttribute(tag(0x0020, 0x0013)), String.valueOf(n));
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0002)), "1");
    put(list, new CodeStringAttribute(tag(0x0028, 0x0004)), "MONOCHROME2");
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0010)), String.valueOf(size));
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0011)), String.valueOf(size));
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0100)), "8");
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0101)), "8");
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0102)), "7");
    put(list, new UnsignedShortAttribute(tag(0x0028, 0x0103)), "0");
    if (frames > 1) {
      put(list, new IntegerStringAttribute(tag(0x0028, 0x0008)), String.valueOf(frames));
      put(list, new DecimalStringAttribute(tag(0x0018, 0x1063)), "50");
    }
    byte[] raw = image(frames, size);
    String syntax = jpeg ? TransferSyntax.JPEGBaseline : TransferSyntax.ExplicitVRLittleEndian;
    if (jpeg) {
      list.put(new OtherByteAttributeMultipleCompressedFrames(tag(0x7FE0, 0x0010), jpegFrames(raw, frames, size)));
    } else {
      OtherByteAttribute pixels = new OtherByteAttribute(tag(0x7FE0, 0x0010));
      pixels.setValues(raw);
      list.put(pixels);
    }
    FileMetaInformation.addFileMetaInformation(list, syntax, callingAe);
    list.write(file.toFile(), syntax, true, true);
    return new Written(file, sopClass, sopInstance);
  }

  /** Each frame as a baseline JPEG (the JDK's writer: 8-bit, sequential DCT, Huffman). */
  private static byte[][] jpegFrames(byte[] raw, int frames, int size) throws IOException {
    byte[][] encoded = new byte[frames][];
    for (int f = 0; f < frames; f++) {
      java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(size, size,
          java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, size, size, java.util.Arrays.copyOfRange(raw, f * size * size,
          (f + 1) * size * size));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "jpeg", out);
      encoded[f] = out.toByteArray();
    }
    return encoded;
  }

  /** Speckle with a bright diagonal needle advancing frame by frame. */
  private static byte[] image(int frames, int size) {
    byte[] pixels = new byte[size * size * frames];
    java.util.Random speckle = new java.util.Random(7);
    for (int f = 0; f < frames; f++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int value = 20 + speckle.nextInt(40) + (y > size * 5 / 8 ? 40 : 0);
          if (x == y && x < size / 4 + f * size / 16) {
            value = 127;
          }
          pixels[f * size * size + y * size + x] = (byte) value;
        }
      }
    }
    return pixels;
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
