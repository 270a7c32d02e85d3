package org.procroom.drivers.barcode.gs1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * GS1 Digital Link URIs ({@code https://id.gs1.org/01/09520123456788/10/ABC1?17=201225}): the
 * primary key and its qualifiers from the path (in the order the Syntax Dictionary's
 * {@code dlpkey} gives), other AIs from the query, percent-decoded, into the same elements as an
 * element string, with the same checks. Query parameters that are not AIs (a {@code linkType})
 * are left aside; an AI in the query that is not a data attribute, repeats one already given, or
 * belongs in the path makes the URI invalid.
 */
public final class Gs1DigitalLink {
  private static final List<String> SCHEMES = List.of("http://", "https://", "HTTP://", "HTTPS://");
  private static final String BAD_IN_URI = "<>{}\\^`| \"";

  private final Gs1Dictionary dictionary;
  private final Gs1Elements elements;

  public Gs1DigitalLink(Gs1Dictionary dictionary, Gs1Elements elements) {
    this.dictionary = dictionary;
    this.elements = elements;
  }

  /** True when the text is an http(s) URI whose path names a GS1 primary key: meant as a Digital Link. */
  public boolean looksLikeDigitalLink(String text) {
    String scheme = SCHEMES.stream().filter(text::startsWith).findFirst().orElse(null);
    if (scheme == null) {
      return false;
    }
    for (String segment : text.substring(scheme.length()).split("[/?#]")) {
      if (dictionary.of(segment).map(s -> s.dlPrimaryKey() != null).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  public Gs1Elements.Result parse(String uri) {
    List<Gs1Elements.Element> out = new ArrayList<>();
    String scheme = SCHEMES.stream().filter(uri::startsWith).findFirst().orElse(null);
    if (scheme == null) {
      return Gs1Elements.Result.failed(out, "DL_SCHEME", "a Digital Link starts with http:// or https://");
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c < 0x21 || c > 0x7E || BAD_IN_URI.indexOf(c) >= 0) {
        return Gs1Elements.Result.failed(out, "DL_CHARACTER", "character '" + Gs1Elements.printable(String.valueOf(c))
            + "' is not allowed in a URI");
      }
    }
    String rest = uri.substring(scheme.length());
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || !rest.substring(0, slash).matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
      return Gs1Elements.Result.failed(out, "DL_DOMAIN", "no host name before the path");
    }
    int question = rest.indexOf('?');
    String path = question < 0 ? rest.substring(slash) : rest.substring(slash, question);
    String query = question < 0 ? "" : rest.substring(question + 1);
    String[] segments = path.substring(1).split("/", -1);
    int key = keyPosition(segments);
    if (key < 0) {
      return Gs1Elements.Result.failed(out, "DL_NO_KEY", "the path has no GS1 primary key with its qualifiers in order");
    }
    Set<String> pathAis = new HashSet<>();
    for (int i = key; i < segments.length; i += 2) {
      String value = decode(segments[i + 1], false);
      if (value == null) {
        return Gs1Elements.Result.failed(out, "DL_PERCENT", "bad percent-encoding in '" + segments[i + 1] + "'");
      }
      Gs1Elements.Violation problem = add(out, segments[i], value);
      if (problem != null) {
        return problem.failed(out);
      }
      pathAis.add(segments[i]);
    }
    Set<String> qualifiersElsewhere = qualifiersNotInPath(segments[key], pathAis);
    Set<String> queryAis = new HashSet<>();
    for (String param : query.split("&")) {
      int eq = param.indexOf('=');
      if (param.isEmpty() || eq < 0 || !param.substring(0, eq).matches("\\d+")) {
        continue; // singletons and non-AI parameters (linkType, ...) are not element data
      }
      String ai = param.substring(0, eq);
      Gs1AiSpec spec = dictionary.of(ai).orElse(null);
      if (spec == null || !spec.dlAttribute()) {
        return Gs1Elements.Result.failed(out, "DL_NOT_AN_ATTRIBUTE", "query parameter " + ai
            + (spec == null ? " is not a GS1 Application Identifier" : " may not be a Digital Link data attribute"));
      }
      if (pathAis.contains(ai) || qualifiersElsewhere.contains(ai) || !queryAis.add(ai)) {
        return Gs1Elements.Result.failed(out, "DL_DUPLICATE_OR_QUALIFIER", "AI " + ai
            + (qualifiersElsewhere.contains(ai) ? " is a qualifier of the path's key: it belongs in the path"
            : " is given twice"));
      }
      String value = decode(param.substring(eq + 1), true);
      if (value == null) {
        return Gs1Elements.Result.failed(out, "DL_PERCENT", "bad percent-encoding in '" + param + "'");
      }
      Gs1Elements.Violation problem = add(out, ai, value);
      if (problem != null) {
        return problem.failed(out);
      }
    }
    return new Gs1Elements.Result(out, null, null);
  }

  private Gs1Elements.Violation add(List<Gs1Elements.Element> out, String ai, String value) {
    Gs1AiSpec spec = dictionary.of(ai).orElseThrow();
    Gs1Elements.Violation problem = elements.check(spec, value);
    if (problem != null) {
      return problem.about(spec);
    }
    if (out.size() == Gs1Elements.MAX_ELEMENTS) {
      return new Gs1Elements.Violation("TOO_MANY_AIS", "more than " + Gs1Elements.MAX_ELEMENTS + " elements");
    }
    out.add(new Gs1Elements.Element(ai, value));
    return null;
  }

  /** The first segment from which key, value and ordered qualifier pairs run to the end of the path; -1 if none. */
  private int keyPosition(String[] segments) {
    for (int i = 0; i + 1 < segments.length; i++) {
      Gs1AiSpec spec = dictionary.of(segments[i]).orElse(null);
      if (spec == null || spec.dlPrimaryKey() == null || (segments.length - i) % 2 != 0) {
        continue;
      }
      List<String> qualifiers = new ArrayList<>();
      boolean empty = false;
      for (int k = i; k < segments.length; k++) {
        empty |= segments[k].isEmpty();
        if (k > i && (k - i) % 2 == 0) {
          qualifiers.add(segments[k]);
        }
      }
      if (!empty && inOrder(spec.dlPrimaryKey(), qualifiers)) {
        return i;
      }
    }
    return -1;
  }

  /** Qualifiers in the order of one of the key's sequences ({@code 22,10,21|235}), each at most once. */
  private static boolean inOrder(String sequences, List<String> qualifiers) {
    if (qualifiers.isEmpty()) {
      return true;
    }
    for (String sequence : sequences.isEmpty() ? new String[0] : sequences.split("\\|")) {
      List<String> allowed = List.of(sequence.split(","));
      int at = -1;
      boolean ok = true;
      for (String q : qualifiers) {
        int index = allowed.indexOf(q);
        if (index <= at) {
          ok = false;
          break;
        }
        at = index;
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** Qualifiers of every key sequence that fits the path's qualifiers, not given in the path. */
  private Set<String> qualifiersNotInPath(String key, Set<String> pathAis) {
    Set<String> out = new HashSet<>();
    String sequences = dictionary.of(key).map(Gs1AiSpec::dlPrimaryKey).orElse("");
    for (String sequence : sequences.isEmpty() ? new String[0] : sequences.split("\\|")) {
      List<String> allowed = List.of(sequence.split(","));
      boolean fits = pathAis.stream().filter(a -> !a.equals(key)).allMatch(allowed::contains);
      if (fits) {
        allowed.stream().filter(a -> !pathAis.contains(a)).forEach(out::add);
      }
    }
    return out;
  }

  /** Percent-decoding as bytes (UTF-8); {@code +} is a space in the query only; null when malformed. */
  private static String decode(String s, boolean query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int value;
        try {
          value = Integer.parseInt(s.substring(i + 1, i + 3), 16);
        } catch (NumberFormatException e) {
          return null;
        }
        if (value == 0) {
          return null;
        }
        bytes.write(value);
        i += 2;
      } else {
        bytes.write(query && c == '+' ? ' ' : c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
