package org.procroom.gateway.record.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DICOM person names in the report's header: given name first; capitals re-cased, mixed case kept. */
class PersonNamesAsPeopleWriteThemTest {
  @Test
  void capitalsAreReCasedWordByWord() {
    assertEquals("Patient Demo", ClinicalReport.personName("DEMO^PATIENT"));
    assertEquals("Anne Marie Smith-Jones", ClinicalReport.personName("SMITH-JONES^ANNE MARIE"));
    assertEquals("Sean O'Brien", ClinicalReport.personName("O'BRIEN^SEAN"));
    assertEquals("Dr Jörg Müller", ClinicalReport.personName("MÜLLER^JÖRG^^DR"));
  }

  @Test
  void mixedCaseIsTheSendersSpelling() {
    assertEquals("John McDonald", ClinicalReport.personName("McDonald^John"));
    assertEquals("Jan van der Berg", ClinicalReport.personName("van der Berg^Jan"));
  }

  @Test
  void onlyTheAlphabeticGroupAndNothingForNone() {
    assertEquals("Taro Yamada", ClinicalReport.personName("Yamada^Taro=山田^太郎"));
    assertEquals("not recorded", ClinicalReport.personName(null));
  }
}
