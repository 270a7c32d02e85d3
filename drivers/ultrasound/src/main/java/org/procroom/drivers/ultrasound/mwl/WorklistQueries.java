package org.procroom.drivers.ultrasound.mwl;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.query.QueryResponseGenerator;
import com.pixelmed.query.QueryResponseGeneratorFactory;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.procroom.gateway.api.ProcedureView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers Modality Worklist C-FINDs from the room's procedures, with our own matching. */
public final class WorklistQueries implements QueryResponseGeneratorFactory {
  public static final String MWL_FIND = "1.2.840.10008.5.1.4.31";
  private static final Logger LOG = LoggerFactory.getLogger(WorklistQueries.class);
  private static final int SUCCESS = 0x0000;
  private static final int UNABLE_TO_PROCESS = 0xC000;

  private final Supplier<List<ProcedureView>> procedures;
  private final Supplier<java.util.Optional<ProcedureView>> open;
  private final String stationAe;
  private final ZoneId zone;

  /** {@code procedures}: what the worklist holds; {@code open}: which of them is under way. */
  public WorklistQueries(Supplier<List<ProcedureView>> procedures, Supplier<java.util.Optional<ProcedureView>> open,
      String stationAe, ZoneId zone) {
    this.procedures = procedures;
    this.open = open;
    this.stationAe = stationAe;
    this.zone = zone;
  }

  @Override
  public QueryResponseGenerator newInstance() {
    return new QueryResponseGenerator() {
      private Iterator<AttributeList> responses = List.<AttributeList>of().iterator();
      private int status = SUCCESS;
      private String error;

      @Override
      public void performQuery(String sopClassUid, AttributeList query, boolean relational) {
        if (!MWL_FIND.equals(sopClassUid)) {
          status = UNABLE_TO_PROCESS;
          error = "only Modality Worklist queries are answered here";
          return;
        }
        try {
          List<AttributeList> items = new java.util.ArrayList<>();
          String openId = open.get().map(ProcedureView::id).orElse(null);
          // The first value only: a query with code extensions (ISO 2022) is answered in UTF-8.
          String asked = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(query,
              WorklistItems.SPECIFIC_CHARACTER_SET);
          for (ProcedureView p : procedures.get()) {
            items.add(WorklistItems.of(p, stationAe, zone, p.id().equals(openId), asked));
          }
          List<AttributeList> found = WorklistMatcher.find(query, items);
          LOG.info("worklist query answered with {} of {} procedures", found.size(), items.size());
          responses = found.iterator();
        } catch (DicomException e) {
          status = UNABLE_TO_PROCESS;
          error = e.getMessage();
        }
      }

      @Override
      public AttributeList next() {
        return responses.hasNext() ? responses.next() : null;
      }

      @Override
      public int getStatus() {
        return status;
      }

      @Override
      public AttributeTagAttribute getOffendingElement() {
        return null;
      }

      @Override
      public String getErrorComment() {
        return error;
      }

      @Override
      public void close() {
        responses = List.<AttributeList>of().iterator();
      }

      @Override
      public boolean allOptionalKeysSuppliedWereSupported() {
        return true;
      }
    };
  }
}
