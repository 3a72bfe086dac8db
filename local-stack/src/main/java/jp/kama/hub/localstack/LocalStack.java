package jp.kama.hub.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./kama run}: starts the whole hub and keeps it running until Ctrl-C.
 * <pre>
 *   java -cp 'local-stack/target/local-stack-VERSION.jar:local-stack/target/lib/*' jp.kama.hub.localstack.LocalStack up [--data DIR]
 * </pre>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !args[0].equals("up")) {
            System.err.println("usage: local-stack up [--data DIR]   (default DIR: ./.kama-data)");
            System.exit(2);
        }
        Path data = Path.of(".kama-data");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else {
                System.err.println("unknown argument: " + args[i]);
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("kama.root", ".")).toAbsolutePath().normalize();
        System.out.println("Kama disaster-response hub: starting on 127.0.0.1, data in " + data.toAbsolutePath().normalize());
        System.out.println("(the first start unpacks and builds Keycloak and creates its database: 1-2 minutes on two cores; logs in " + data.resolve("logs") + ")");

        // the hook is in place before anything starts: Ctrl-C during start-up stops what is up
        Stack stack = Stack.create(Stack.Config.of(root, data, Ports.defaults(), System.out::println));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping…");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "kama-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("\nkama: the stack did not come up: " + e.getMessage());
            System.exit(1);
            return;
        }
        printWelcome(stack);
        // the services' class-data archives, for a quicker next start (a stop ends this at once)
        stack.writeClassDataArchivesInBackground();
        stopped.await();
    }

    private static void printWelcome(Stack stack) {
        Ports p = stack.ports();
        long totalKiB = 0;
        StringBuilder mem = new StringBuilder();
        for (Map.Entry<String, Long> e : stack.residentKiB().entrySet()) {
            totalKiB += e.getValue();
            mem.append(String.format("%s %d MiB, ", e.getKey(), e.getValue() / 1024));
        }
        String gw = stack.gatewayUrl();
        System.out.printf("""

                All UP in %.1f s. Resident memory %.2f GiB (%s).

                  incident console           %s  (log in as staff / staff-dev-only, then the code of ./kama otp staff)
                  gateway (API under /api)   %s
                  citizens' report form      %s/report/  (no login; keeps drafts on the phone while offline)
                  case-service               http://127.0.0.1:%d
                  disaster-service           http://127.0.0.1:%d
                  notification-service       http://127.0.0.1:%d
                  identity-service (OIDC)    http://127.0.0.1:%d/.well-known/openid-configuration
                  Keycloak (realm kama)      http://127.0.0.1:%d  (admin console: admin / admin-dev-only)
                  Kafka                      127.0.0.1:%d
                  PostgreSQL                 127.0.0.1:%d  (user postgres, trusted on loopback)
                  fake LINE API              http://127.0.0.1:%d/__fake/calls
                  core systems stub          %s/residents/999900000101  (sample resident record; docs/core-systems.md)

                Demo users (development-only passwords): staff / staff-dev-only and staff2 / staff2-dev-only
                  (disaster-staff; two are needed to approve evacuation orders and alerts), dept / dept-dev-only,
                  shelter / shelter-dev-only, citizen / citizen-dev-only, admin / admin-dev-only
                  Staff roles need a second factor (TOTP): the staff users above come with a development-only
                  secret; ./kama otp USER prints the current code and an otpauth:// URI for an authenticator app.
                  Citizens are not asked for one.
                  My Number card login: software cards and their PIN in <data dir>/dev-card (see docs/identity.md)

                Try it:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=kama-cli -d username=staff -d password=staff-dev-only -d totp=$(./kama otp staff | cut -c1-6) \\
                    http://127.0.0.1:%d/realms/kama/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' %s/api/reports \\
                    -d '{"category":"LANDSLIDE","location":{"latitude":33.5636,"longitude":130.6889},"description":"裏山の斜面が崩れた"}'
                  curl -s -H "Authorization: Bearer $TOKEN" %s/api/cases/<caseId from the answer>
                  curl -s %s/public/shelters          (no login; also /feeds/shelters.csv, /feeds/cap.atom)
                  a report in a LINE conversation: docs/line-conversation.md has a script that plays LINE against this stack
                  Swagger UI: case-service :%d/swagger-ui.html, disaster-service :%d and notification-service :%d /swagger-ui/index.html

                Ctrl-C stops everything.
                """, stack.secondsSinceStart(), totalKiB / 1024.0 / 1024.0, mem.substring(0, Math.max(0, mem.length() - 2)),
                stack.consoleUrl(), gw, gw, p.caseService(), p.disasterService(), p.notificationService(), p.identityService(), p.keycloak(),
                p.kafka(), p.postgres(), p.fakeLine(), stack.coreSystems().baseUrl(), p.keycloak(), gw, gw, gw,
                p.caseService(), p.disasterService(), p.notificationService());
    }
}
