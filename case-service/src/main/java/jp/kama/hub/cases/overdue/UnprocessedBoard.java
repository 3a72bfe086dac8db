package jp.kama.hub.cases.overdue;

import java.util.List;

import jp.kama.hub.cases.casefile.Department;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts of open and overdue cases by district, department and state (karte 38's "zero unprocessed" board). */
@Component
public class UnprocessedBoard {

    private final JdbcClient jdbc;

    UnprocessedBoard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Bucket(String key, long open, long overdue) {
    }

    public record Counts(long open, long overdue, List<Bucket> byDistrict, List<Bucket> byDepartment, List<Bucket> byStatus) {
    }

    /** @param department only this department's cases, or all when null */
    public Counts count(Department department) {
        return count(department, true);
    }

    /** As above; {@code includeExercises} false leaves a drill's cases out (the KPIs). */
    public Counts count(Department department, boolean includeExercises) {
        List<Bucket> byDistrict = group("coalesce(district, 'UNKNOWN')", department, includeExercises);
        List<Bucket> byDepartment = group("department", department, includeExercises);
        List<Bucket> byStatus = group("status", department, includeExercises);
        long open = byStatus.stream().mapToLong(Bucket::open).sum();
        long overdue = byStatus.stream().mapToLong(Bucket::overdue).sum();
        return new Counts(open, overdue, byDistrict, byDepartment, byStatus);
    }

    private List<Bucket> group(String column, Department department, boolean includeExercises) {
        return jdbc.sql("select " + column + " as k, count(*) as open, count(*) filter (where overdue) as overdue from cases"
                        + " where status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED')"
                        + " and (cast(:dept as text) is null or department = :dept)"
                        + (includeExercises ? "" : " and not exercise")
                        + " group by 1 order by 1")
                .param("dept", department == null ? null : department.code())
                .query((rs, i) -> new Bucket(rs.getString("k"), rs.getLong("open"), rs.getLong("overdue")))
                .list();
    }
}
