package org.procroom.drivers.ultrasound.mwl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which character set a worklist record's text goes in (PS3.3 C.12.1.1.2 defined terms). */
class WorklistCharacterSetTest {
  @Test
  void asciiNeedsNone() {
    assertNull(WorklistItems.characterSet("DOE^JANE PAT-42", ""));
    assertNull(WorklistItems.characterSet("DOE^JANE PAT-42", "ISO_IR 100"), "plain ASCII: the default repertoire");
  }

  @Test
  void theSetAskedForWhenItHoldsTheTextElseUtf8() {
    assertEquals("ISO_IR 100", WorklistItems.characterSet("Müller^Jörg", "ISO_IR 100"));
    assertEquals("ISO_IR 192", WorklistItems.characterSet("Müller^Jörg", ""), "nothing asked: UTF-8");
    assertEquals("ISO_IR 192", WorklistItems.characterSet("Иванов^Пётр", "ISO_IR 100"), "Latin-1 cannot hold Cyrillic");
    assertEquals("ISO_IR 144", WorklistItems.characterSet("Иванов^Пётр", "ISO_IR 144"));
    assertEquals("ISO_IR 192", WorklistItems.characterSet("Müller^Jörg", "ISO 2022 IR 100"), "code extensions: UTF-8");
    assertEquals("ISO_IR 192", WorklistItems.characterSet("Müller^Jörg", "ISO_IR 203"),
        "Latin-9: PixelMed would write it as ASCII ('?'), so UTF-8");
  }
}
