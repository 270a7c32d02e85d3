package org.procroom.gateway.record.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The clinical report's XHTML, chart included, as a PDF on A4 or US Letter. */
public final class ReportPdf {
  /** Paper sizes in millimetres. */
  public enum Paper {
    A4(210, 297), LETTER(215.9f, 279.4f);

    final float width;
    final float height;

    Paper(float width, float height) {
      this.width = width;
      this.height = height;
    }
  }

  private ReportPdf() {}

  public static byte[] pdf(String xhtml, Paper paper) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.useDefaultPageSize(paper.width, paper.height, PdfRendererBuilder.PageSizeUnits.MM);
      builder.withHtmlContent(xhtml, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the report as PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
