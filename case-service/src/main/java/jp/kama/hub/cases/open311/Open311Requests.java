package jp.kama.hub.cases.open311;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.contracts.cases.model.Open311Request;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reports as public Open311 service requests: category, case status, times and a position
 * rounded to three decimals (about 100 m), so that a request for help at someone's home does
 * not publish the home. No description, address, contact or reporter.
 */
@Component
class Open311Requests {

    private final JdbcClient jdbc;

    Open311Requests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String serviceName(Category c) {
        return switch (c) {
            case LANDSLIDE -> "土砂崩れ (landslide)";
            case FLOODING -> "浸水 (flooding)";
            case ROAD_DAMAGE -> "道路損壊 (road damage)";
            case FALLEN_TREE -> "倒木 (fallen tree)";
            case POWER_OUTAGE -> "停電 (power outage)";
            case WATER_OUTAGE -> "断水 (water outage)";
            case BUILDING_DAMAGE -> "建物損壊 (building damage)";
            case RESCUE_NEEDED -> "要救助 (rescue needed)";
            case OTHER -> "その他 (other)";
        };
    }

    /** Every filter optional; newest first, at most 1000. */
    List<Open311Request> find(List<UUID> ids, Category category, String status, Instant start, Instant end) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new TreeMap<>();
        if (ids != null) {
            where.add("r.id = any(:ids)");
            params.put("ids", ids.toArray(UUID[]::new));
        }
        if (category != null) {
            where.add("r.category = :category");
            params.put("category", category.name());
        }
        if ("open".equals(status)) {
            where.add("c.status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED')");
        } else if ("closed".equals(status)) {
            where.add("c.status in ('CLOSED', 'REJECTED', 'DUPLICATE')");
        }
        if (start != null) {
            where.add("r.received_at >= :start");
            params.put("start", Timestamp.from(start));
        }
        if (end != null) {
            where.add("r.received_at <= :end");
            params.put("end", Timestamp.from(end));
        }
        String sql = """
                select r.id, r.category, r.latitude, r.longitude, r.received_at, c.status, c.department, c.updated_at
                  from report r join cases c on c.id = r.case_id""" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by r.received_at desc limit 1000";
        return jdbc.sql(sql).params(params).query((rs, i) -> {
            Category cat = Category.valueOf(rs.getString("category"));
            CaseStatus cs = CaseStatus.valueOf(rs.getString("status"));
            return new Open311Request()
                    .serviceRequestId(rs.getObject("id", UUID.class))
                    .status(cs.isOpen() ? Open311Request.StatusEnum.OPEN : Open311Request.StatusEnum.CLOSED)
                    .statusNotes(cs.name())
                    .serviceCode(cat.name())
                    .serviceName(serviceName(cat))
                    .agencyResponsible("嘉麻市 " + rs.getString("department"))
                    .requestedDatetime(rs.getTimestamp("received_at").toInstant().atOffset(ZoneOffset.UTC))
                    .updatedDatetime(rs.getTimestamp("updated_at").toInstant().atOffset(ZoneOffset.UTC))
                    .lat(round(rs.getDouble("latitude")))
                    ._long(round(rs.getDouble("longitude")));
        }).list();
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1000) / 1000.0;
    }

    static class RequestNotFoundException extends ErrorResponseException {
        RequestNotFoundException(String id) {
            super(HttpStatus.NOT_FOUND);
            getBody().setTitle("Service request not found");
            getBody().setDetail("There is no service request " + (id.length() > 100 ? id.substring(0, 100) + "…" : id) + ".");
        }
    }
}
