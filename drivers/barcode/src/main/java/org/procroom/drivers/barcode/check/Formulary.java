package org.procroom.drivers.barcode.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.procroom.drivers.barcode.codec.CheckDigits;
import org.procroom.drivers.barcode.codec.DecodedBarcode;
import org.procroom.gateway.api.ConfigException;

/** The room's products, looked up by GTIN, then NDC, PPN or HIBC code (config/formulary.yaml). */
public final class Formulary {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Product> byGtin = new HashMap<>();
  private final Map<String, Product> byNdc = new HashMap<>();
  private final Map<String, Product> byPpn = new HashMap<>();
  private final Map<String, Product> byHibc = new HashMap<>();

  private Formulary(List<Product> products) {
    for (Product p : products) {
      put(byGtin, p.gtin(), p);
      put(byNdc, p.ndc(), p);
      put(byPpn, p.ppn(), p);
      put(byHibc, p.hibc(), p);
    }
  }

  private static void put(Map<String, Product> index, String key, Product p) {
    if (key != null && !key.isBlank()) {
      index.put(key, p);
    }
  }

  public static Formulary of(List<Product> products) {
    return new Formulary(products);
  }

  /** Reads the formulary; a wrong entry is reported with the file, its index and the field. */
  public static Formulary load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read the formulary: " + e.getMessage());
    }
    List<Product> products = new ArrayList<>();
    JsonNode items = root == null ? null : root.get("products");
    if (items == null || !items.isArray()) {
      throw new ConfigException(file + ": products", "expected a list of products");
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode n = items.get(i);
      String where = file + ": products[" + i + "]";
      String gtin = text(n, "gtin");
      if (gtin != null && (gtin.length() != 14 || !CheckDigits.allDigits(gtin)
          || CheckDigits.gs1(gtin.substring(0, 13)) != gtin.charAt(13) - '0')) {
        throw new ConfigException(where + ".gtin", "'" + gtin + "' is not a GTIN-14 with a valid check digit");
      }
      String ndc = text(n, "ndc");
      if (ndc != null) {
        ndc = ndc.replace("-", "");
        if (ndc.length() != 10 || !CheckDigits.allDigits(ndc)) {
          throw new ConfigException(where + ".ndc", "expected a 10-digit NDC, found '" + text(n, "ndc") + "'");
        }
      }
      String name = text(n, "name");
      if (name == null) {
        throw new ConfigException(where + ".name", "required");
      }
      Product.Kind kind;
      try {
        kind = Product.Kind.valueOf(Optional.ofNullable(text(n, "kind")).orElse("medication").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ".kind", "expected medication or supply");
      }
      List<String> allowedIn = new ArrayList<>();
      n.path("allowedIn").forEach(a -> allowedIn.add(a.asText()));
      products.add(new Product(kind, name, text(n, "strength"), text(n, "concentration"), text(n, "form"),
          text(n, "class"), text(n, "lookAlikeGroup"), allowedIn, gtin, ndc, text(n, "ppn"), text(n, "hibc")));
    }
    return new Formulary(products);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
  }

  public Optional<Product> find(DecodedBarcode d) {
    Product p = null;
    if (d.gtin() != null) {
      p = byGtin.get(d.gtin());
    }
    if (p == null && d.ndc() != null) {
      p = byNdc.get(d.ndc());
    }
    if (p == null && d.ppn() != null) {
      p = byPpn.get(d.ppn());
    }
    if (p == null && d.labeler() != null) {
      p = byHibc.get(d.labeler() + d.product());
    }
    return Optional.ofNullable(p);
  }
}
