package org.procroom.gateway.record;

import java.util.Date;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Reference;
import org.procroom.gateway.store.Procedure;

/**
 * The clinical report as the room printed it, for the chart: a DocumentReference (LOINC 28570-0,
 * procedure note) with the PDF, about the record's patient and in the context of its Procedure.
 */
final class ReportDocument {
  private ReportDocument() {}

  static DocumentReference of(Procedure p, byte[] pdf, Reference subject, Reference procedure, String identifierSystem) {
    DocumentReference doc = new DocumentReference();
    doc.addIdentifier().setSystem(identifierSystem).setValue(p.id() + "/report");
    doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    doc.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", "28570-0", "Procedure note"))
        .setText("Procedure record"));
    doc.setSubject(subject);
    Date closed = p.closedAt() == null ? null : Date.from(p.closedAt());
    doc.setDate(closed);
    doc.setDescription("The procedure's record as printed in the room: vital signs chart, phases, medications,"
        + " injections and entries");
    doc.addContent().setAttachment(new Attachment().setContentType("application/pdf").setData(pdf)
        .setTitle("Procedure record " + p.procedureType()).setCreation(closed));
    doc.getContext().addRelated(procedure);
    return doc;
  }
}
