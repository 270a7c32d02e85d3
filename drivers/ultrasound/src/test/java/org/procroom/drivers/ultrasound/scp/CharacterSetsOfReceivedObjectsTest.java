package org.procroom.drivers.ultrasound.scp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Objects in the character sets of PS3.5 (single-byte ISO 8859 parts, ISO 2022 with code
 * extensions as Japanese and Korean modalities send, UTF-8, GB18030) read as the gateway reads a
 * received object: David Clunie's and pydicom's character-set files as Debian's python3-pydicom
 * ships them (pydicom/data/charset_files), each patient's name as pydicom's own tests expect it
 * (pydicom/tests/test_charset.py, FILE_PATIENT_NAMES).
 */
class CharacterSetsOfReceivedObjectsTest {
  private static final Path FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("chrArab", "قباني^لنزار"),
        Arguments.of("chrFren", "Buc^Jérôme"),
        Arguments.of("chrFrenMulti", "Buc^Jérôme"),
        Arguments.of("chrGerm", "Äneas^Rüdiger"),
        Arguments.of("chrGreek", "Διονυσιος"),
        Arguments.of("chrH31", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        Arguments.of("chrH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        Arguments.of("chrHbrw", "שרון^דבורה"),
        Arguments.of("chrI2", "Hong^Gildong=洪^吉洞=홍^길동"),
        Arguments.of("chrJapMulti", "やまだ^たろう"),
        Arguments.of("chrJapMultiExplicitIR6", "やまだ^たろう"),
        Arguments.of("chrKoreanMulti", "김희중"),
        Arguments.of("chrRuss", "Люкceмбypг"),
        Arguments.of("chrX1", "Wang^XiaoDong=王^小東"),
        Arguments.of("chrX2", "Wang^XiaoDong=王^小东"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void thePatientsNameReadsAsPydicomReadsIt(String file, String expected) throws Exception {
    Path object = FILES.resolve(file + ".dcm");
    assertTrue(Files.exists(object), "python3-pydicom's charset files are installed by ./procroom test: " + object);
    // A trailing empty component group ("...=") is the same name.
    assertEquals(expected, StoredObject.read(object, ZoneOffset.UTC).patientName().replaceAll("=+$", ""));
  }

  @Test
  void thePatientCheckComparesPersonsNotSpellings() {
    assertTrue(StoredObject.samePerson("Müller^Jörg", "MÜLLER^JÖRG^^^"));
    assertTrue(StoredObject.samePerson("Yamada^Tarou=山田^太郎=やまだ^たろう", "YAMADA^TAROU"), "the alphabetic group");
    assertFalse(StoredObject.samePerson("Müller^Jörg", "Müller^Jürgen"));
    assertFalse(StoredObject.samePerson("Doe^Jane", "Doe^John"));
  }
}
