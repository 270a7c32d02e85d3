package org.procroom.drivers.barcode.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.procroom.gateway.api.ConfigException;

/** Recalled lots (config/recalls.yaml): product code and lot, with the reason and the notice. */
public final class RecallList {
  /** One recalled lot; {@code code} is a GTIN-14, NDC-10 or PPN. */
  public record Recall(String code, String lot, String reason, String reference) {}

  private final List<Recall> recalls;

  private RecallList(List<Recall> recalls) {
    this.recalls = List.copyOf(recalls);
  }

  public static RecallList of(List<Recall> recalls) {
    return new RecallList(recalls);
  }

  public static RecallList load(Path file) {
    JsonNode root;
    try {
      root = Formulary.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read the recall list: " + e.getMessage());
    }
    List<Recall> recalls = new ArrayList<>();
    JsonNode items = root == null ? null : root.get("recalls");
    if (items != null && items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        JsonNode n = items.get(i);
        String code = Formulary.text(n, "code");
        String lot = Formulary.text(n, "lot");
        if (code == null || lot == null) {
          throw new ConfigException(file + ": recalls[" + i + "]", "needs code (GTIN, NDC or PPN) and lot");
        }
        recalls.add(new Recall(code.replace("-", ""), lot, Formulary.text(n, "reason"), Formulary.text(n, "reference")));
      }
    }
    return new RecallList(recalls);
  }

  public Optional<Recall> find(Product product, String lot) {
    if (lot == null) {
      return Optional.empty();
    }
    return recalls.stream()
        .filter(r -> r.lot().equals(lot))
        .filter(r -> r.code().equals(product.gtin()) || r.code().equals(product.ndc()) || r.code().equals(product.ppn()))
        .findFirst();
  }
}
