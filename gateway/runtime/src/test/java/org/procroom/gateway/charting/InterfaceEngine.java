package org.procroom.gateway.charting;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.procroom.gateway.Room;
import org.procroom.testkit.FreePort;

/**
 * HAPI HL7v2's own MLLP receiver as the site's interface engine, answering each message as its
 * script says, and keeping every message it received in order.
 */
final class InterfaceEngine implements AutoCloseable {
  /** What the engine answers to the nth message it receives (1 for the first). */
  @FunctionalInterface
  interface Script {
    Message answer(Message message, int nth) throws Exception;
  }

  static final Script ACCEPT_ALL = (message, nth) -> message.generateACK();

  private final HapiContext hapi = new DefaultHapiContext();
  private final HL7Service server;
  private final int port;
  private final List<Message> received = new CopyOnWriteArrayList<>();

  private InterfaceEngine(int port, Script script) {
    this.port = port;
    // HAPI's default control-id generator keeps a file (id_file) in the working directory.
    hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
    this.server = hapi.newServer(port, false);
    server.registerApplication(new ReceivingApplication<Message>() {
      @Override
      public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        received.add(message);
        try {
          return script.answer(message, received.size());
        } catch (HL7Exception e) {
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HL7Exception(e);
        } catch (Exception e) {
          throw new HL7Exception(e);
        }
      }

      @Override
      public boolean canProcess(Message message) {
        return true;
      }
    });
  }

  static InterfaceEngine start(Script script) throws InterruptedException {
    InterfaceEngine engine = new InterfaceEngine(FreePort.pick(), script);
    engine.server.startAndWait();
    return engine;
  }

  int port() {
    return port;
  }

  /**
   * Points the room's charting at this engine, with short timeouts so a test sees resends and
   * reconnects within seconds.
   */
  void chartFrom(Room room, String ackTimeout) {
    room.env().put("PROCROOM_CHARTING_HL7_URL", "mllp://127.0.0.1:" + port);
    room.env().put("PROCROOM_CHARTING_HL7_INTERVAL", "10s");
    room.env().put("PROCROOM_CHARTING_HL7_ACK_TIMEOUT", ackTimeout);
    room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_INITIAL", "100ms");
    room.env().put("PROCROOM_CHARTING_HL7_RECONNECT_MAX", "500ms");
  }

  List<Message> received() {
    return received;
  }

  List<String> controlIds() {
    return received.stream().map(InterfaceEngine::controlId).toList();
  }

  static String controlId(Message message) {
    try {
      return ((MSH) message.get("MSH")).getMessageControlID().getValue();
    } catch (HL7Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.stopAndWait();
    hapi.close();
  }
}
