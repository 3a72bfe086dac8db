package jp.kama.hub.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a drill run counted; printed at the end and returned to tests. */
final class Summary {

    /** An answer the drill did not expect: the operation, its status and the first part of the body. */
    record Unexpected(int step, String operation, int status, String detail) {
    }

    final String runId;
    final String scenario;
    final long seed;
    final double speed;
    int reportsSent;
    int reportsAccepted;
    /** Reports that joined a case opened before them: the sum of (reportCount - 1) over the drill's cases. */
    int reportsMerged;
    /** Reports whose answer named a case an earlier drill report had already opened. */
    int reportsMergedByAnswer;
    int partnerReportsWithoutVisibleCase;
    int photosSent;
    int photosAccepted;
    int checkIns;
    int cardCheckIns;
    int evacuationChanges;
    long maxLagMillis;
    double seconds;
    final Map<String, Integer> reportsByChannel = new TreeMap<>();
    final Map<String, Integer> casesByState = new TreeMap<>();
    final Map<String, Integer> sheltersByStatus = new TreeMap<>();
    final Map<String, String> drillShelters = new TreeMap<>();
    final Map<String, Long> messagesByChannel = new TreeMap<>();
    final Map<String, String> evacuationInForce = new TreeMap<>();
    final List<String> cleanup = new ArrayList<>();
    final List<Unexpected> unexpected = new ArrayList<>();

    Summary(String runId, String scenario, long seed, double speed) {
        this.runId = runId;
        this.scenario = scenario;
        this.seed = seed;
        this.speed = speed;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("== drill summary: ").append(scenario).append(" (run ").append(runId).append(", seed ").append(seed)
                .append(", speed ").append(speed).append(String.format(", %.1f s, max lag %d ms)%n", seconds, maxLagMillis));
        b.append(String.format("reports   sent %d, accepted %d, merged into an earlier case %d (by answer: %d)%n",
                reportsSent, reportsAccepted, reportsMerged, reportsMergedByAnswer));
        b.append("          by channel ").append(reportsByChannel).append(String.format(", photos %d/%d accepted%n", photosAccepted, photosSent));
        if (partnerReportsWithoutVisibleCase > 0) {
            b.append("          ").append(partnerReportsWithoutVisibleCase)
                    .append(" Open311 report(s) opened a case the drill cannot see (Open311 answers name no case)\n");
        }
        b.append("cases     by state ").append(casesByState).append('\n');
        b.append("evacuation changes approved ").append(evacuationChanges).append(", in force ").append(evacuationInForce).append('\n');
        b.append("shelters  by status ").append(sheltersByStatus).append(String.format(", check-ins %d (by card %d)%n", checkIns, cardCheckIns));
        drillShelters.forEach((id, s) -> b.append("          ").append(id).append(' ').append(s).append('\n'));
        b.append("messages  sent per channel during the drill ").append(messagesByChannel).append('\n');
        if (!cleanup.isEmpty()) {
            b.append("cleanup   ").append(String.join("; ", cleanup)).append('\n');
        }
        b.append("unexpected answers: ").append(unexpected.size()).append('\n');
        for (Unexpected u : unexpected) {
            b.append("  step ").append(u.step()).append(' ').append(u.operation()).append(" -> ").append(u.status())
                    .append(' ').append(u.detail()).append('\n');
        }
        return b.toString();
    }
}
