package org.procroom.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.procroom.drivers.barcode.codec.BarcodeDecoder;
import org.procroom.drivers.barcode.codec.DecodedBarcode;
import org.procroom.drivers.barcode.codec.ScanText;
import org.procroom.gateway.store.EventJson;

/**
 * {@code procroom barcode decode DATA}: one JSON object; exit 0 when valid, 1 when not. A trailing
 * CR, LF or CRLF (typed as {@code \x0d}, {@code <0x0D>} or pasted) is the scanner's suffix.
 */
final class BarcodeCommand {
  private BarcodeCommand() {}

  static int run(Options options, PrintStream out) {
    List<String> args = options.positional();
    if (args.size() != 2 || !args.get(0).equals("decode")) {
      throw new Main.UsageException("usage: procroom barcode decode DATA");
    }
    // A scan pasted from a terminal or a capture keeps the scanner's CR/LF suffix; the serial transport drops it.
    DecodedBarcode decoded = BarcodeDecoder.decode(ScanText.withoutSuffix(ScanText.parse(args.get(1))), LocalDate.now());
    try {
      out.println(EventJson.MAPPER.writeValueAsString(decoded));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return decoded.valid() ? 0 : 1;
  }
}
