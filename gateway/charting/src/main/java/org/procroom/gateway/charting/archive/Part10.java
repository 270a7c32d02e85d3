package org.procroom.gateway.charting.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a DICOM Part-10 file's data set begins and in which transfer syntax it is (PS3.10 7.1):
 * a 128-byte preamble, "DICM", then group 0002 in explicit VR little endian. The data set after it
 * is sent as it lies on disk when the archive accepts its syntax.
 */
record Part10(long dataSetOffset, String transferSyntaxUid) {
  private static final java.util.Set<String> LONG_VRS = java.util.Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV",
      "UC", "UN", "UR", "UT", "UV");

  static Part10 read(Path file) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      byte[] head = in.readNBytes(132);
      if (head.length < 132 || !new String(head, 128, 4, StandardCharsets.US_ASCII).equals("DICM")) {
        throw new IOException("not a DICOM Part-10 file (no DICM after the preamble)");
      }
      long at = 132;
      String syntax = null;
      while (true) {
        in.mark(8);
        byte[] tag = in.readNBytes(8);
        if (tag.length < 8 || u16(tag, 0) != 0x0002) {
          break;
        }
        String vr = new String(tag, 4, 2, StandardCharsets.US_ASCII);
        long length;
        int header;
        if (LONG_VRS.contains(vr)) {
          byte[] more = in.readNBytes(4);
          length = u32(more);
          header = 12;
        } else {
          length = u16(tag, 6);
          header = 8;
        }
        byte[] value = in.readNBytes((int) Math.min(length, 1 << 16));
        if (value.length < length) {
          throw new IOException("the file meta information is cut off");
        }
        if (u16(tag, 2) == 0x0010) {
          syntax = new String(value, StandardCharsets.US_ASCII).replace("\0", "").trim();
        }
        at += header + length;
      }
      if (syntax == null) {
        throw new IOException("no Transfer Syntax UID (0002,0010) in the file meta information");
      }
      return new Part10(at, syntax);
    }
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b) {
    return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
  }
}
