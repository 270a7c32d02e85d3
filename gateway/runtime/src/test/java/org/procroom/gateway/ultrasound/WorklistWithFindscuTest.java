package org.procroom.gateway.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.Room;
import org.procroom.testkit.Dcmtk;
import org.procroom.testkit.FreePort;
import org.procroom.testkit.MosquittoBroker;

/** DCMTK findscu -W queries the room's worklist, with and without matches. */
class WorklistWithFindscuTest {
  @TempDir Path dir;

  @Test
  void theOpenProcedureIsOnTheWorklistForMatchingQueriesOnly() throws Exception {
    int port = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
      try (Gateway gateway = room.startGateway()) {
        String id = gateway.store().openProcedure("TPI", "PAT-42", "Doe^Jane", "ACC-9", gateway.clock().now()).get().id();

        List<String> hit = find(port, "hit", "PatientName=DOE*", "ScheduledProcedureStepSequence[0].Modality=US",
            "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20200101-20991231",
            "PatientID", "AccessionNumber", "StudyInstanceUID", "RequestedProcedureDescription");
        assertEquals(1, hit.size(), "one worklist item");
        String item = hit.get(0);
        assertTrue(item.contains("(0010,0020) LO [PAT-42]"), item);
        assertTrue(item.contains("(0008,0050) SH [ACC-9]"), item);
        assertTrue(item.contains("[Trigger point injection]"), item);
        assertTrue(item.contains("(0020,000d) UI [2.25."), "the study UID the modality must reuse: " + item);
        assertTrue(!item.contains("(0040,0001)"), "a key not asked for is not returned: " + item);

        assertEquals(0, find(port, "othermodality", "ScheduledProcedureStepSequence[0].Modality=MR", "PatientID").size());
        assertEquals(0, find(port, "otherpatient", "PatientID=SOMEONE-ELSE", "PatientName").size());
        assertEquals(0, find(port, "past", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=-20200101",
            "PatientID").size());

        gateway.store().closeProcedure(id, gateway.clock().now()).get();
        assertEquals(0, find(port, "closed", "PatientID").size(), "a closed procedure leaves the worklist");
      }
    }
  }

  /**
   * A name outside ASCII reaches DCMTK's findscu as written: the response declares its character set
   * (UTF-8, or the Latin-1 the query asked for) and dcmdump, converting by that declaration, reads
   * the name back.
   */
  @Test
  void aNameOutsideAsciiIsDeclaredAndReadBackByDcmtk() throws Exception {
    int port = FreePort.pick();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Room room = new Room(dir, broker.url())) {
      room.writeConfig(Room.dicomStorage(port, FreePort.pick(), ""));
      try (Gateway gateway = room.startGateway()) {
        gateway.store().openProcedure("TPI", "PAT-43", "Müller^Jörg", "ACC-10", gateway.clock().now()).get();
        String utf8 = find(port, "utf8", "+U8", "PatientName", "PatientID").get(0);
        assertTrue(utf8.contains("(0008,0005) CS [ISO_IR 192]"), utf8);
        assertTrue(utf8.contains("(0010,0010) PN [Müller^Jörg]"), utf8);
        String latin1 = find(port, "latin1", "+U8", "SpecificCharacterSet=ISO_IR 100", "PatientName", "PatientID").get(0);
        assertTrue(latin1.contains("(0008,0005) CS [ISO_IR 100]"), latin1);
        assertTrue(latin1.contains("(0010,0010) PN [Müller^Jörg]"), latin1);
      }
    }
  }

  /** Runs findscu -W with the keys, extracts the responses and dumps them with dcmdump. */
  private List<String> find(int port, String name, String... keys) throws Exception {
    // "+U8" first: the declared character set, then the name as dcmdump converts it to UTF-8 by that declaration.
    boolean convert = keys.length > 0 && keys[0].equals("+U8");
    if (convert) {
      keys = java.util.Arrays.copyOfRange(keys, 1, keys.length);
    }
    Path out = Files.createDirectories(dir.resolve("find-" + name));
    List<String> command = new ArrayList<>(List.of("findscu", "-W", "-aet", "US01", "-aec", "PROCROOM", "-X", "-od",
        out.toString()));
    for (String k : keys) {
      command.add("-k");
      command.add(k);
    }
    command.add("127.0.0.1");
    command.add(String.valueOf(port));
    Dcmtk.Result r = Dcmtk.run(dir, command.toArray(String[]::new));
    assertEquals(0, r.exit(), r.output());
    List<String> dumps = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.sorted().toList()) {
        // Converted, dcmdump says ISO_IR 192 whatever was declared: the declaration is printed apart.
        dumps.add(convert ? Dcmtk.run(dir, "dcmdump", "+P", "0008,0005", f.toString()).output()
            + Dcmtk.run(dir, "dcmdump", "+U8", "+P", "0010,0010", f.toString()).output()
            : Dcmtk.run(dir, "dcmdump", f.toString()).output());
      }
    }
    return dumps;
  }
}
