package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.LinkedList;
import java.util.List;

/**
 * Storage in any explicit (and compressed) syntax, as PixelMed's policy accepts it, plus the
 * services PixelMed's built-in policies refuse (Modality Worklist, MPPS): those are accepted in
 * explicit or implicit VR little endian.
 */
final class ServicePolicy implements PresentationContextSelectionPolicy {
  static final String MPPS = "1.2.840.10008.3.1.2.3.3";

  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final byte ACCEPTANCE = 0;

  private final PresentationContextSelectionPolicy storage = new AnyExplicitStorePresentationContextSelectionPolicy();
  private final java.util.Set<String> services;

  ServicePolicy(java.util.Set<String> services) {
    this.services = services;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int association, int debugLevel) {
    java.util.Map<Byte, List<String>> offered = offered(contexts);
    return accepted(offered, storage.applyPresentationContextSelectionPolicy(contexts, association, debugLevel));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int association) {
    java.util.Map<Byte, List<String>> offered = offered(contexts);
    return accepted(offered, storage.applyPresentationContextSelectionPolicy(contexts, association));
  }

  /** The transfer syntaxes proposed per context, copied before the storage policy edits the contexts. */
  @SuppressWarnings("unchecked")
  private static java.util.Map<Byte, List<String>> offered(LinkedList<?> proposed) {
    java.util.Map<Byte, List<String>> offered = new java.util.HashMap<>();
    for (Object o : proposed) {
      PresentationContext pc = (PresentationContext) o;
      offered.put(pc.getIdentifier(), List.copyOf((List<String>) pc.getTransferSyntaxUIDs()));
    }
    return offered;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private LinkedList accepted(java.util.Map<Byte, List<String>> proposed, LinkedList decided) {
    for (Object o : decided) {
      PresentationContext pc = (PresentationContext) o;
      if (!services.contains(pc.getAbstractSyntaxUID())) {
        continue;
      }
      List<String> offered = proposed.getOrDefault(pc.getIdentifier(), List.of());
      String chosen = offered.contains(EXPLICIT_LE) ? EXPLICIT_LE : offered.contains(IMPLICIT_LE) ? IMPLICIT_LE : null;
      if (chosen != null) {
        pc.newTransferSyntaxUIDs();
        pc.addTransferSyntaxUID(chosen);
        pc.setResultReason(ACCEPTANCE);
      }
    }
    return decided;
  }
}
