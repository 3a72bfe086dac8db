package jp.kama.hub.devcard;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * The second factor of the realm's DEVELOPMENT-ONLY staff users (staff, staff2, dept, shelter,
 * admin): every staff role requires a TOTP code at login (realm {@code kama}, flows
 * "kama browser" and "kama direct grant"), and these users come with a known OTP credential in
 * keycloak/keycloak/kama-realm.json so that the run command, the drill, the benchmarks and the tests can
 * log in. A real deployment imports no such users.
 *
 * <p>Keycloak keeps an OTP secret as text and uses its UTF-8 bytes as the HMAC key; an
 * authenticator app gets the same bytes in Base32 ({@link #otpauthUri}). Keycloak refuses a
 * code that was already used ({@code otpPolicyCodeReusable: false}) and accepts the codes of
 * the previous and next 30-second step besides the current one, so {@link #nextCode} hands out
 * each step's code once per JVM, moving on to the next step's code (or waiting for it) when a
 * user logs in more than once within a step.
 *
 * <p>{@code ./kama otp USER} prints the current code (main method), for a person logging in to
 * the console of {@code ./kama run}.
 */
public final class DevSecondFactor {

    /** Must match the users' OTP credentials in keycloak/keycloak/kama-realm.json (a test holds the two together). */
    private static final Map<String, String> SECRETS = Map.of(
            "staff", "dev-only-otp-secret-staff",
            "staff2", "dev-only-otp-secret-staff2",
            "dept", "dev-only-otp-secret-dept",
            "shelter", "dev-only-otp-secret-shelter",
            "admin", "dev-only-otp-secret-admin");

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Map<String, Long> LAST_STEP_USED = new HashMap<>();

    private DevSecondFactor() {
    }

    /** The development users that have a second factor. */
    public static Set<String> users() {
        return new TreeSet<>(SECRETS.keySet());
    }

    /** Whether {@code username} is a development staff user with a known second factor. */
    public static boolean has(String username) {
        return SECRETS.containsKey(username);
    }

    /** The OTP secret as Keycloak keeps it (the text whose UTF-8 bytes are the key). */
    public static Optional<String> secret(String username) {
        return Optional.ofNullable(SECRETS.get(username));
    }

    /** The code of the 30-second step {@code at} falls in. */
    public static String code(String username, Instant at) {
        String secret = SECRETS.get(username);
        if (secret == null) {
            throw new IllegalArgumentException("no development second factor for " + username + "; users: " + users());
        }
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(STEP, 6, "HmacSHA1");
            SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
            return totp.generateOneTimePasswordString(key, at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("not an HMAC key: " + e.getMessage(), e);
        }
    }

    /**
     * A code Keycloak will accept for {@code username} now and that this JVM has not handed out
     * before: the current step's, else the next step's (Keycloak looks one step ahead), else it
     * waits for the step after.
     */
    public static synchronized String nextCode(String username) {
        long now = Instant.now().getEpochSecond() / STEP.toSeconds();
        long last = LAST_STEP_USED.getOrDefault(username, Long.MIN_VALUE);
        long step = Math.max(now, last + 1);
        if (step > now + 1) {
            // both usable steps are spent: wait for the next one to become current
            sleepUntil(Instant.ofEpochSecond((step - 1) * STEP.toSeconds()));
        }
        LAST_STEP_USED.put(username, step);
        return code(username, Instant.ofEpochSecond(step * STEP.toSeconds()));
    }

    /** An {@code otpauth://} URI (Key URI format) to add the user to an authenticator app. */
    public static String otpauthUri(String username) {
        String secret = SECRETS.get(username);
        if (secret == null) {
            throw new IllegalArgumentException("no development second factor for " + username);
        }
        String base32 = new Base32().encodeAsString(secret.getBytes(StandardCharsets.UTF_8)).replace("=", "");
        return "otpauth://totp/kama:" + username + "?secret=" + base32 + "&issuer=kama&algorithm=SHA1&digits=6&period=30";
    }

    private static void sleepUntil(Instant t) {
        long ms = Duration.between(Instant.now(), t).toMillis() + 50;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next TOTP step", e);
            }
        }
    }

    /** {@code ./kama otp USER}: prints the user's current code (and the authenticator-app URI). */
    public static void main(String[] args) {
        if (args.length != 1 || !has(args[0])) {
            System.err.println("usage: ./kama otp USER   (development staff users: " + String.join(", ", users()) + ")");
            System.exit(2);
        }
        System.out.println(code(args[0], Instant.now()) + "   (valid for this 30-second step; "
                + "for an authenticator app: " + otpauthUri(args[0]) + ")");
    }
}
