package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.procroom.drivers.ultrasound.dimse.DimseCommand;
import org.procroom.gateway.api.DriverContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor for the DIMSE-N services PixelMed's storage SCP does not serve (MPPS, storage
 * commitment), plus C-ECHO: reads one request at a time on PixelMed's association layer and hands
 * it to the service that answers its command; the services never see the association's set-up.
 */
final class NServiceAcceptor {
  private static final Logger LOG = LoggerFactory.getLogger(NServiceAcceptor.class);
  static final String VERIFICATION = "1.2.840.10008.1.1";

  /** A receiving application: answers one request on the association it came on. */
  interface Service {
    Set<Integer> commands();

    void answer(Association association, DimseRequest request, Socket socket)
        throws DicomNetworkException, DicomException, IOException, AReleaseException;
  }

  private final AssociationGate gate;
  private final DriverContext context;
  private final String aeTitle;
  private final int maxPdu;
  private final List<Service> services;
  private final Set<String> abstractSyntaxes;

  NServiceAcceptor(AssociationGate gate, DriverContext context, String aeTitle, int maxPdu, List<Service> services,
      Set<String> abstractSyntaxes) {
    this.gate = gate;
    this.context = context;
    this.aeTitle = aeTitle;
    this.maxPdu = maxPdu;
    this.services = List.copyOf(services);
    this.abstractSyntaxes = Set.copyOf(abstractSyntaxes);
  }

  /** Serves a connection whose association request has not been read yet. */
  void associate(Socket socket, Runnable ended) {
    AssociateRequest request = gate.admit(socket);
    if (request != null) {
      serve(socket, request, ended);
    }
  }

  /** Serves an admitted association. */
  void serve(Socket socket, AssociateRequest request, Runnable ended) {
    try {
      Association association = AssociationFactory.createNewAssociation(new ReplaySocket(socket, request.bytes(), ended),
          aeTitle, maxPdu, 0, 0, new ServicePolicy(abstractSyntaxes));
      while (true) {
        DimseRequest next = read(association, request.callingAe());
        int field = next.commandField();
        if (field == DimseCommand.C_ECHO_RQ) {
          association.send(next.contextId(), DimseCommand.echoResponse(next.messageId()), null);
          continue;
        }
        Service service = services.stream().filter(s -> s.commands().contains(field)).findFirst()
            .orElseThrow(() -> new DicomException(String.format("unsupported DIMSE command 0x%04X", field)));
        service.answer(association, next, socket);
      }
    } catch (AReleaseException e) {
      LOG.debug("{}: association with '{}' released", context.deviceId(), AssociationGate.printable(request.callingAe()));
    } catch (IOException | DicomException | DicomNetworkException e) {
      LOG.info("{}: association with '{}' ended: {}", context.deviceId(), AssociationGate.printable(request.callingAe()),
          e.getMessage());
    }
  }

  /** Reads the next whole message (command, then its data set when one is announced). */
  static DimseRequest read(Association association, String callingAe)
      throws DicomNetworkException, DicomException, IOException, AReleaseException {
    MessageHandler handler = new MessageHandler();
    association.setReceivedDataHandler(handler);
    association.waitForPDataPDUsUntilHandlerReportsDone();
    return DimseRequest.of(handler.contextId, handler.commandBytes.toByteArray(), handler.dataBytes.toByteArray(),
        association.getTransferSyntaxForPresentationContextID(handler.contextId), callingAe);
  }

  /** Collects one message on one presentation context. */
  private static final class MessageHandler extends CompositeResponseHandler {
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream dataBytes = new ByteArrayOutputStream();
    private byte contextId;

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association) throws DicomNetworkException, DicomException,
        IOException {
      for (Object o : pdu.getPDVList()) {
        PresentationDataValue pdv = (PresentationDataValue) o;
        contextId = pdv.getPresentationContextID();
        if (pdv.isCommand()) {
          commandBytes.write(pdv.getValue());
          if (pdv.isLastFragment()) {
            AttributeList command = getAttributeListFromCommandOrData(commandBytes.toByteArray(), IMPLICIT_LE);
            setDone(Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, 0x0800),
                DimseCommand.NO_DATA_SET) == DimseCommand.NO_DATA_SET);
          }
        } else {
          dataBytes.write(pdv.getValue());
          if (pdv.isLastFragment()) {
            setDone(true);
          }
        }
      }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
      // the services read statuses themselves
    }
  }
}
