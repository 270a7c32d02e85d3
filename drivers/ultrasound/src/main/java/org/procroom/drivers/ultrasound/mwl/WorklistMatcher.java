package org.procroom.drivers.ultrasound.mwl;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * C-FIND matching of PS3.4 C.2.2.2 for the Modality Worklist: single value, universal (empty key),
 * wildcard ({@code *}, {@code ?}), range for DA/TM/DT ({@code a-b}, {@code -b}, {@code a-}), list of
 * UIDs, and sequence matching (an item of the query sequence against the items of the record's).
 * A response carries exactly the keys the query asked for. Person names match case-insensitively.
 */
public final class WorklistMatcher {
  private static final AttributeTag SPECIFIC_CHARACTER_SET = new AttributeTag(0x0008, 0x0005);

  private WorklistMatcher() {}

  public static boolean matches(AttributeList query, AttributeList item) throws DicomException {
    for (Attribute key : query.values()) {
      if (key.getTag().equals(SPECIFIC_CHARACTER_SET)) {
        continue;
      }
      if (key instanceof SequenceAttribute sequence) {
        if (!sequenceMatches(sequence, item.get(key.getTag()))) {
          return false;
        }
      } else if (!valueMatches(key, item.get(key.getTag()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sequenceMatches(SequenceAttribute query, Attribute candidate) throws DicomException {
    AttributeList keys = firstItem(query);
    if (keys == null || keys.isEmpty()) {
      return true;
    }
    if (!(candidate instanceof SequenceAttribute sequence)) {
      return false;
    }
    for (Iterator<SequenceItem> it = sequence.iterator(); it.hasNext(); ) {
      if (matches(keys, it.next().getAttributeList())) {
        return true;
      }
    }
    return false;
  }

  private static boolean valueMatches(Attribute key, Attribute candidate) throws DicomException {
    String[] wanted = key.getStringValues();
    if (wanted == null || wanted.length == 0 || (wanted.length == 1 && wanted[0].isBlank())) {
      return true;
    }
    String have = candidate == null ? "" : candidate.getSingleStringValueOrEmptyString().trim();
    String vr = new String(key.getVR(), StandardCharsets.US_ASCII);
    if (vr.equals("UI")) {
      for (String uid : wanted) {
        if (uid.trim().equals(have)) {
          return true;
        }
      }
      return false;
    }
    String value = wanted[0].trim();
    if ((vr.equals("DA") || vr.equals("TM") || vr.equals("DT")) && value.contains("-")) {
      return inRange(value, have, vr);
    }
    boolean caseless = vr.equals("PN");
    if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
      StringBuilder regex = new StringBuilder();
      for (char c : value.toCharArray()) {
        regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
      }
      return Pattern.compile(regex.toString(), caseless ? Pattern.CASE_INSENSITIVE : 0).matcher(have).matches();
    }
    return caseless ? value.equalsIgnoreCase(have) : value.equals(have);
  }

  private static boolean inRange(String range, String have, String vr) {
    if (have.isEmpty()) {
      return false;
    }
    int dash = range.indexOf('-');
    String low = range.substring(0, dash).trim();
    String high = range.substring(dash + 1).trim();
    String value = comparable(have, vr, false);
    return (low.isEmpty() || value.compareTo(comparable(low, vr, false)) >= 0)
        && (high.isEmpty() || value.compareTo(comparable(high, vr, true)) <= 0);
  }

  /** A form in which string order is time order; a partial upper bound covers its whole span. */
  static String comparable(String value, String vr, boolean upper) {
    String v = value.replace(":", "").trim();
    return switch (vr) {
      case "TM" -> time(v, upper);
      case "DT" -> v.length() <= 8 ? (v + (upper ? "99999999" : "00000000")).substring(0, 8) + time("", upper)
          : v.substring(0, 8) + time(v.substring(8).replaceAll("[+-]\\d{4}$", ""), upper);
      default -> v;
    };
  }

  /** HH, HHMM, HHMMSS or HHMMSS.F... as HHMMSSFFFFFF. */
  private static String time(String tm, boolean upper) {
    int dot = tm.indexOf('.');
    String whole = dot < 0 ? tm : tm.substring(0, dot);
    String fraction = dot < 0 ? "" : tm.substring(dot + 1);
    String wholeTemplate = upper ? "235959" : "000000";
    String fractionTemplate = upper ? "999999" : "000000";
    return whole + wholeTemplate.substring(Math.min(6, whole.length()))
        + (fraction + fractionTemplate.substring(Math.min(6, fraction.length()))).substring(0, 6);
  }

  /** The response for a matching record: each requested key with the record's value, or empty. */
  public static AttributeList response(AttributeList query, AttributeList item) throws DicomException {
    AttributeList response = new AttributeList();
    for (Attribute key : query.values()) {
      AttributeTag tag = key.getTag();
      if (key instanceof SequenceAttribute sequence) {
        SequenceAttribute out = new SequenceAttribute(tag);
        AttributeList keys = firstItem(sequence);
        if (item.get(tag) instanceof SequenceAttribute have) {
          for (Iterator<SequenceItem> it = have.iterator(); it.hasNext(); ) {
            AttributeList candidate = it.next().getAttributeList();
            if (keys == null || keys.isEmpty()) {
              out.addItem(candidate);
            } else if (matches(keys, candidate)) {
              out.addItem(response(keys, candidate));
            }
          }
        }
        response.put(out);
      } else {
        Attribute value = item.get(tag);
        response.put(value != null ? value : AttributeFactory.newAttribute(tag, key.getVR()));
      }
    }
    return response;
  }

  /**
   * The records of {@code items} that match, as responses; each declares the character set of its
   * text, asked for or not (PS3.4 C.4.1.1.3: a response in other than the default repertoire says so).
   */
  public static List<AttributeList> find(AttributeList query, List<AttributeList> items) throws DicomException {
    List<AttributeList> responses = new ArrayList<>();
    for (AttributeList item : items) {
      if (matches(query, item)) {
        AttributeList response = response(query, item);
        Attribute set = item.get(SPECIFIC_CHARACTER_SET);
        if (set != null && set.getVM() > 0) {
          response.put(set);
        }
        responses.add(response);
      }
    }
    return responses;
  }

  private static AttributeList firstItem(SequenceAttribute sequence) {
    Iterator<SequenceItem> it = sequence.iterator();
    return it.hasNext() ? it.next().getAttributeList() : null;
  }
}
