package jp.kama.hub.benchmarks;

import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import jp.kama.hub.platform.security.jwt.CachingJwtDecoder;
import jp.kama.hub.platform.security.jwt.VerifiedTokens;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * G4 (issue 13): CPU per token validation, in one thread of this JVM, for the decoder the gateway
 * and the services use (Spring Security's {@code NimbusJwtDecoder}: RS256, 2048-bit key, as
 * Keycloak signs) verifying every request's token from scratch, and with the hub's
 * {@link CachingJwtDecoder} in front ({@link VerifiedTokens}: each distinct token verified once
 * until it expires). Tokens shaped like Keycloak's (realm roles, scope, azp, ~1 KB). A population
 * of {@code --tokens} distinct callers sends requests round-robin, so the cache's misses are
 * the first request of each. Each phase warms up first ({@code --warmup-seconds}) and then
 * measures for {@code --seconds}; figures are thread CPU time (not wall time, so another busy
 * process on the machine does not inflate them) and heap allocated per validation.
 *
 * <pre>./kama bench tokens [--tokens 1000] [--warmup-seconds 20] [--seconds 20]</pre>
 */
public final class TokenValidationBenchmark {

    private TokenValidationBenchmark() {
    }

    record Figures(String name, long validations, double cpuMicrosEach, double allocatedBytesEach, double perSecondOfCpu) {
        String line() {
            return String.format("%-34s %,12d validations  %8.2f µs CPU each  %9.0f B allocated each  %,10.0f per CPU-second",
                    name, validations, cpuMicrosEach, allocatedBytesEach, perSecondOfCpu);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>(Map.of("tokens", "1000", "warmup-seconds", "20", "seconds", "20"));
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!opts.containsKey(key) || i + 1 == args.length || !args[i + 1].matches("\\d+")) {
                System.err.println("usage: TokenValidationBenchmark [--tokens N] [--warmup-seconds S] [--seconds S]   (at " + args[i] + ")");
                System.exit(2);
            }
            opts.put(key, args[++i]);
        }
        int tokens = Integer.parseInt(opts.get("tokens"));
        int warmup = Integer.parseInt(opts.get("warmup-seconds"));
        int seconds = Integer.parseInt(opts.get("seconds"));

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        List<String> population = tokens(keys, tokens);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        System.out.printf("token validation (G4: <= 0.1 ms CPU per request): %d distinct tokens of ~%d bytes, RS256 2048-bit, "
                + "warm-up %d s and measurement %d s per phase, JDK %s%n",
                tokens, population.getFirst().length(), warmup, seconds, Runtime.version());

        List<Figures> all = new ArrayList<>();
        all.add(run("verify every request (before)", nimbus, population, warmup, seconds));
        all.add(run("verified once per token (now)", servicesDecoder(nimbus), population, warmup, seconds));
        System.out.println();
        for (Figures f : all) {
            System.out.println(f.line());
        }
        double ratio = all.get(0).cpuMicrosEach() / all.get(1).cpuMicrosEach();
        System.out.printf("%nG4 target 100 µs CPU per request: now %.2f µs (%s); %.0f× less CPU than verifying every request%n",
                all.get(1).cpuMicrosEach(), all.get(1).cpuMicrosEach() <= 100 ? "met" : "NOT met", ratio);
    }

    /** What the services validate with: the verified-token cache (platform-security) over {@code nimbus}. */
    static JwtDecoder servicesDecoder(JwtDecoder nimbus) {
        return new CachingJwtDecoder(nimbus, new VerifiedTokens(10_000, Clock.systemUTC()));
    }

    static Figures run(String name, JwtDecoder decoder, List<String> population, int warmupSeconds, int seconds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        loop(decoder, population, warmupSeconds * 1_000_000_000L);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long n = loop(decoder, population, seconds * 1_000_000_000L);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
        Figures f = new Figures(name, n, cpu / 1000.0 / n, (double) alloc / n, n / (cpu / 1e9));
        System.out.println(f.line());
        return f;
    }

    private static long sink;

    static long loop(JwtDecoder decoder, List<String> population, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        int i = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 100; k++) {
                sink += decoder.decode(population.get(i)).getClaims().size();
                i = (i + 1) % population.size();
                n++;
            }
        }
        return n;
    }

    static List<String> tokens(KeyPair keys, int count) {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate()).keyID("bench").build();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
        Instant now = Instant.now();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // shaped like a Keycloak access token of the kama realm (one hour, so none expires during a run)
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer("http://127.0.0.1:8180/realms/kama").subject("5f0c1d2e-0000-4000-8000-" + String.format("%012d", i))
                    .audience(List.of("account")).issuedAt(now).expiresAt(now.plusSeconds(3600)).id("jti-" + i)
                    .claim("typ", "Bearer").claim("azp", "kama-cli").claim("session_state", "s-" + i)
                    .claim("acr", "1").claim("scope", "openid profile email")
                    .claim("realm_access", Map.of("roles", List.of("citizen", "default-roles-kama", "offline_access", "uma_authorization")))
                    .claim("resource_access", Map.of("account", Map.of("roles", List.of("manage-account", "view-profile"))))
                    .claim("email_verified", false).claim("preferred_username", "citizen-" + i)
                    .build();
            out.add(encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("bench").build(), claims))
                    .getTokenValue());
        }
        return out;
    }
}
