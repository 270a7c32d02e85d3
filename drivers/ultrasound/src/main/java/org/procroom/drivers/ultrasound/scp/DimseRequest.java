package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.CompositeResponseHandler;
import java.io.IOException;

/** One DIMSE message as received on a presentation context: its command set and its data set, if any. */
record DimseRequest(byte contextId, AttributeList command, AttributeList data, String callingAe) {
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

  static DimseRequest of(byte contextId, byte[] command, byte[] data, String transferSyntax, String callingAe)
      throws DicomException, IOException, com.pixelmed.network.DicomNetworkException {
    return new DimseRequest(contextId, CompositeResponseHandler.getAttributeListFromCommandOrData(command, IMPLICIT_LE),
        data.length == 0 ? new AttributeList() : CompositeResponseHandler.getAttributeListFromCommandOrData(data,
            transferSyntax), callingAe);
  }

  int commandField() {
    return integer(0x0100);
  }

  int messageId() {
    return integer(0x0110);
  }

  int integer(int element) {
    return Attribute.getSingleIntegerValueOrDefault(command, new AttributeTag(0x0000, element), 0);
  }

  String text(int element) {
    return Attribute.getSingleStringValueOrEmptyString(command, new AttributeTag(0x0000, element)).trim();
  }
}
