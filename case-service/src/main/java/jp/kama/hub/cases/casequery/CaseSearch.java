package jp.kama.hub.cases.casequery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.contracts.district.District;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Filtered, sorted, paged case lists for the console and the map; newest first unless asked otherwise. */
@Component
public class CaseSearch {

    private final JdbcClient jdbc;
    private final CaseRepository cases;

    CaseSearch(JdbcClient jdbc, CaseRepository cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    /** Every filter is optional; {@code bbox} is minLon, minLat, maxLon, maxLat. */
    public record Filter(CaseStatus status, District district, Category category, Integer severity, Department department,
                         Boolean overdue, double[] bbox, String text) {

        /** A filter no case matches (an empty bounding box) within the given department. */
        static Filter nothingIn(Department department) {
            return new Filter(null, null, null, null, department, null, new double[] {0, 0, -1, -1}, null);
        }

        Filter withDepartment(Department d) {
            return new Filter(status, district, category, severity, d, overdue, bbox, text);
        }
    }

    public record Page(List<Case> items, long total) {
    }

    /** The whole result's order (so pages follow on); ties broken by id so a page never repeats or skips a case. */
    public enum Sort {
        NEWEST("reported_at desc, id"),
        OLDEST("reported_at asc, id"),
        /** 1 (life at risk) first, untriaged last, then newest first */
        SEVERITY("severity asc nulls last, reported_at desc, id"),
        /** nearest deadline first (so overdue ones first), no deadline last */
        DUE("due_at asc nulls last, id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    Page find(Filter f, Sort sort, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new TreeMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.district() != null) {
            where.add("district = :district");
            params.put("district", f.district().name());
        }
        if (f.category() != null) {
            where.add("category = :category");
            params.put("category", f.category().name());
        }
        if (f.severity() != null) {
            where.add("severity = :severity");
            params.put("severity", f.severity());
        }
        if (f.department() != null) {
            where.add("department = :department");
            params.put("department", f.department().code());
        }
        if (f.overdue() != null) {
            where.add("overdue = :overdue");
            params.put("overdue", f.overdue());
        }
        if (f.bbox() != null) {
            where.add("longitude between :minLon and :maxLon and latitude between :minLat and :maxLat");
            params.put("minLon", f.bbox()[0]);
            params.put("minLat", f.bbox()[1]);
            params.put("maxLon", f.bbox()[2]);
            params.put("maxLat", f.bbox()[3]);
        }
        if (f.text() != null && !f.text().isBlank()) {
            where.add("(description ilike :text or address_text ilike :text)");
            params.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String clause = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from cases" + clause).params(params).query(Long.class).single();
        List<Case> items = jdbc.sql("select " + cases.columns() + " from cases" + clause
                        + " order by " + sort.orderBy + " limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(cases.rowMapper())
                .list();
        return new Page(items, total);
    }
}
