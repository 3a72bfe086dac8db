package jp.kama.hub.drill;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code ./kama drill [--scenario FILE|NAME] [--speed F] [--seed N] [--gateway URL]
 * [--keycloak URL] [--data DIR] [--keep] [--plan]}: plays a scenario against a running hub
 * (by default the one {@code ./kama run} started) and prints a summary. Exit status 0 when every
 * answer was the expected one, 1 otherwise, 2 for a usage error.
 */
public final class DrillCommand {

    static final String USAGE = """
            usage: ./kama drill [--scenario FILE|NAME] [--speed F] [--seed N] [--gateway URL] [--keycloak URL]
                                [--data DIR] [--keep] [--plan]
              --scenario  a scenario file (JSON, docs/drill.md) or a shipped one: heavy-rain-4-districts (default), quick
              --speed     time factor: 10 plays a 600 s scenario in 60 s (default 1)
              --seed      the same seed plays the same requests in the same order (default 1)
              --gateway   the hub's gateway (default http://127.0.0.1:8080); only 127.0.0.1/localhost is accepted
              --keycloak  Keycloak (default http://127.0.0.1:8180)
              --data      the running stack's data directory, for the development cards (default ./.kama-data)
              --keep      do not clear the drill's data at the end
              --plan      print the plan and stop (no request is sent)""";

    private DrillCommand() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = "heavy-rain-4-districts";
        double speed = 1;
        long seed = 1;
        String gateway = "http://127.0.0.1:8080";
        String keycloak = "http://127.0.0.1:8180";
        Path data = Path.of(".kama-data");
        boolean keep = false;
        boolean planOnly = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenario" -> scenario = args[++i];
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--gateway" -> gateway = args[++i];
                    case "--keycloak" -> keycloak = args[++i];
                    case "--data" -> data = Path.of(args[++i]);
                    case "--keep" -> keep = true;
                    case "--plan" -> planOnly = true;
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be > 0");
            }
            loopbackOnly(gateway);
            loopbackOnly(keycloak);
        } catch (RuntimeException e) {
            System.err.println("drill: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Scenario s;
        try {
            s = Scenario.load(scenario);
        } catch (IllegalArgumentException e) {
            System.err.println("drill: " + e.getMessage());
            System.exit(2);
            return;
        }
        Plan plan = Plan.of(s, seed);
        if (planOnly) {
            plan.steps().forEach(st -> System.out.println(st.index() + "\t" + st.atMillis() + "\t" + st.kind() + "\t" + st.args()));
            return;
        }
        System.out.println("drill: the disaster, its evacuation information, reports and cases are marked exercise (CAP status"
                + " Exercise, no citizen sends, left out of the KPIs, deleted at the end). WARNING: shelters belong to no"
                + " disaster, so the drill's shelter openings, closings and occupancy are published like real ones (CAP"
                + " status Actual, open-data feeds, LINE, e-mail, SMS to this stack's subscribers) (docs/drill.md).");
        Summary summary;
        try {
            summary = run(s, plan, new DrillRunner.Options(strip(gateway), strip(keycloak), data.resolve("dev-card"), speed,
                    s.cleanup() && !keep, Duration.ofSeconds(3), System.out::println));
        } catch (IllegalStateException e) {
            // no hub to play against (Keycloak unreachable or refusing the demo users): say so, no stack trace
            System.err.println("drill: stopped: " + e.getMessage() + " (is ./kama run up?)");
            System.exit(1);
            return;
        }
        System.out.print(summary.render());
        System.exit(summary.unexpected.isEmpty() ? 0 : 1);
    }

    static Summary run(Scenario s, Plan plan, DrillRunner.Options options) throws InterruptedException {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        return new DrillRunner(options, runId, plan).run(plan);
    }

    /** The drill sends traffic to this machine only. */
    static void loopbackOnly(String url) {
        String host = URI.create(url).getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException(url + ": the drill talks to a hub on this machine only (127.0.0.1)");
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
