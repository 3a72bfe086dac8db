package jp.kama.hub.cases.casefile;

import java.time.ZoneOffset;
import java.util.UUID;

import jp.kama.hub.contracts.cases.api.CasesApi;
import jp.kama.hub.contracts.cases.model.CaseRecord;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cases/{id}}: the generated contract interface, mapped at the edge. */
@RestController
class CasesController implements CasesApi {

    private final CaseRepository cases;

    CasesController(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    public ResponseEntity<CaseRecord> getCase(UUID caseId) {
        CaseId id = new CaseId(caseId);
        Case c = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
        return ResponseEntity.ok(toContract(c));
    }

    static CaseRecord toContract(Case c) {
        return new CaseRecord()
                .id(c.id().value())
                .status(jp.kama.hub.contracts.cases.model.CaseStatus.valueOf(c.status().name()))
                .category(jp.kama.hub.contracts.cases.model.ReportCategory.valueOf(c.category().name()))
                .location(new jp.kama.hub.contracts.cases.model.GeoPoint()
                        .latitude(c.location().latitude())
                        .longitude(c.location().longitude()))
                .addressText(c.addressText())
                .description(c.description())
                .reportedAt(c.reportedAt().atOffset(ZoneOffset.UTC))
                .channel(jp.kama.hub.contracts.cases.model.ReportChannel.valueOf(c.channel().name()))
                .reportCount(c.reportCount())
                .version(c.version());
    }
}
