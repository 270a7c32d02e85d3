package org.procroom.drivers.vitals.terms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rows of a pinned TSV table in {@code units/}: comment lines ({@code #}) and the header row left out. */
final class PinnedTable {
  private PinnedTable() {}

  static List<String[]> rows(String name) {
    try (InputStream in = PinnedTable.class.getResourceAsStream("/org/procroom/drivers/vitals/units/" + name)) {
      if (in == null) {
        throw new IllegalStateException("units/" + name + " is missing from the build");
      }
      List<String[]> rows = new ArrayList<>();
      boolean header = true;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false; // column names
          continue;
        }
        rows.add(line.split("\t", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
