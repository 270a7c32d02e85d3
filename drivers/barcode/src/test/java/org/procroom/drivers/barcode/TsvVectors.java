package org.procroom.drivers.barcode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Rows of a TSV vector file kept as test data: comment lines ({@code #}) and the header row left out. */
public final class TsvVectors {
  private TsvVectors() {}

  public static List<String[]> rows(String resource) throws IOException {
    try (InputStream in = TsvVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no test data at " + resource);
      }
      List<String[]> rows = new ArrayList<>();
      boolean header = true;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        rows.add(line.split("\t", -1));
      }
      return rows;
    }
  }
}
