package org.procroom.drivers.barcode.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A formulary entry: a medication or a supply (antiseptic, needles), identified by any of its codes.
 *
 * @param kind           medication or supply
 * @param name           generic name, e.g. {@code Lidocaine hydrochloride}
 * @param strength       as staff say it, e.g. {@code 1%}
 * @param concentration  e.g. {@code 10 mg/mL}
 * @param form           e.g. {@code 5 mL vial}
 * @param drugClass      e.g. {@code local-anaesthetic}, {@code corticosteroid}, {@code antiseptic}
 * @param lookAlikeGroup products in one group differ only by concentration
 * @param allowedIn      procedure types it may be used in (empty: any)
 * @param gtin           GTIN-14
 * @param ndc            US NDC-10, for linear NDC barcodes
 * @param ppn            IFA PPN
 * @param hibc           HIBC labeler + product number
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Product(
    Kind kind,
    String name,
    String strength,
    String concentration,
    String form,
    @JsonProperty("class") String drugClass,
    @JsonIgnore String lookAlikeGroup,
    @JsonIgnore List<String> allowedIn,
    @JsonIgnore String gtin,
    @JsonIgnore String ndc,
    @JsonIgnore String ppn,
    @JsonIgnore String hibc) {

  public enum Kind { MEDICATION, SUPPLY }

  public Product {
    allowedIn = allowedIn == null ? List.of() : List.copyOf(allowedIn);
  }

  /** What staff see first: name and strength. */
  public String label() {
    return name + (strength == null ? "" : " " + strength);
  }
}
