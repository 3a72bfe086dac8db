package jp.kama.hub.identity.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.identity.IdentityServiceApplication;
import jp.kama.hub.identity.IdentityServiceIT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault in identity-service's own PostgreSQL database: a link survives a restart, the table
 * holds a keyed hash and never the digits, the unique constraints decide concurrent links, and
 * every read and write leaves an audit row without the number.
 */
class MyNumberVaultIT extends IdentityServiceIT {

    @Autowired
    MyNumberVault vault;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Value("${kama.identity.my-number-key}")
    String key;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${spring.datasource.username}")
    String databaseUser;

    @Value("${spring.datasource.password}")
    String databasePassword;

    /** A valid My Number nobody else in this database has: eleven random digits and their check digit. */
    static String newNumber() {
        StringBuilder base = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 11; i++) {
            base.append(random.nextInt(10));
        }
        return base.toString() + MyNumber.checkDigit(base.toString());
    }

    static String newPerson() {
        return "person-" + UUID.randomUUID();
    }

    @Test
    void linkSurvivesARestartOfIdentityService() {
        String person = newPerson();
        String number = newNumber();
        Instant linkedAt = vault.link(person, MyNumber.of(number)).linkedAt();

        // a second identity-service on the same database: what a restart (or a second instance) sees
        // (command-line arguments: they win over application.yml, as the environment does in production)
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IdentityServiceApplication.class)
            .run("--server.port=0",
                    "--kama.identity.trust-anchor=" + CARDS.trustAnchor(),
                    "--kama.identity.crl=" + CARDS.crlFile(),
                    "--spring.datasource.url=" + databaseUrl,
                    "--spring.datasource.username=" + databaseUser,
                    "--spring.datasource.password=" + databasePassword)) {
            MyNumberVault afterRestart = restarted.getBean(MyNumberVault.class);
            assertThat(afterRestart).isNotSameAs(vault);

            assertThat(afterRestart.linkedAt(person)).contains(linkedAt);
            MyNumberVault.Linked again = afterRestart.link(person, MyNumber.of(number));
            assertThat(again.outcome()).isEqualTo(MyNumberVault.Outcome.ALREADY_LINKED);
            assertThat(again.linkedAt()).isEqualTo(linkedAt);
            assertThatThrownBy(() -> afterRestart.link(newPerson(), MyNumber.of(number)))
                .isInstanceOf(MyNumberVault.LinkedToAnother.class)
                .hasMessageContaining("another person");
        }
    }

    @Test
    void tableHoldsOnlyTheKeyedHashNeverTheDigits() throws Exception {
        String person = newPerson();
        String number = newNumber();
        vault.link(person, MyNumber.of(number));

        List<String> rows = jdbc.sql("select t::text from my_number_vault t").query(String.class).list();
        assertThat(rows).isNotEmpty().noneMatch(row -> row.contains(number));
        String stored = jdbc.sql("select my_number_hmac from my_number_vault where person_ref = :person")
            .param("person", person).query(String.class).single();
        assertThat(stored).isEqualTo(hmacSha256(key, number));

        // the same number under another key is another value: a copy of the table without the key reveals nothing
        MyNumberVault otherKey = new MyNumberVault("another-test-key-of-at-least-32-bytes!!", Clock.systemUTC(), jdbc,
                new TransactionTemplate(transactionManager));
        String otherPerson = newPerson();
        otherKey.link(otherPerson, MyNumber.of(number));
        assertThat(jdbc.sql("select my_number_hmac from my_number_vault where person_ref = :person")
            .param("person", otherPerson).query(String.class).single()).isNotEqualTo(stored);

        // and the table itself refuses anything that is not a 64-hex-digit hash, such as the digits
        assertThatThrownBy(() -> jdbc.sql("insert into my_number_vault (person_ref, my_number_hmac, linked_at) "
                + "values (:person, :number, now())").param("person", newPerson()).param("number", number).update())
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void sameNumberLinkedAtOnceByTwoPeopleGivesOneLinkAndOneRefusal() throws Exception {
        for (int round = 0; round < 20; round++) {
            String number = newNumber();
            String first = newPerson();
            String second = newPerson();
            List<Object> outcomes = race(() -> vault.link(first, MyNumber.of(number)),
                    () -> vault.link(second, MyNumber.of(number)));

            assertThat(outcomes).as("round %d", round)
                .filteredOn(o -> o instanceof MyNumberVault.Linked l && l.outcome() == MyNumberVault.Outcome.LINKED)
                .hasSize(1);
            assertThat(outcomes).as("round %d", round)
                .filteredOn(MyNumberVault.LinkedToAnother.class::isInstance)
                .hasSize(1);
            assertThat(jdbc.sql("select count(*) from my_number_vault where person_ref in (:first, :second)")
                .param("first", first).param("second", second).query(Long.class).single()).isEqualTo(1L);
        }
    }

    @Test
    void onePersonLinkingTwoNumbersAtOnceKeepsOnlyOne() throws Exception {
        for (int round = 0; round < 20; round++) {
            String person = newPerson();
            String one = newNumber();
            String other = newNumber();
            List<Object> outcomes = race(() -> vault.link(person, MyNumber.of(one)),
                    () -> vault.link(person, MyNumber.of(other)));

            assertThat(outcomes).as("round %d", round)
                .filteredOn(o -> o instanceof MyNumberVault.Linked l && l.outcome() == MyNumberVault.Outcome.LINKED)
                .hasSize(1);
            assertThat(outcomes).as("round %d", round)
                .filteredOn(o -> o instanceof MyNumberVault.LinkedToAnother e && e.getMessage().contains("different My Number"))
                .hasSize(1);
            assertThat(jdbc.sql("select count(*) from my_number_vault where person_ref = :person")
                .param("person", person).query(Long.class).single()).isEqualTo(1L);
        }
    }

    @Test
    void everyVaultReadAndWriteLeavesAnAuditRowWithoutTheNumber() {
        String person = newPerson();
        String intruder = newPerson();
        String number = newNumber();
        vault.linkedAt(person);
        vault.link(person, MyNumber.of(number));
        vault.link(person, MyNumber.of(number));
        assertThatThrownBy(() -> vault.link(intruder, MyNumber.of(number)))
            .isInstanceOf(MyNumberVault.LinkedToAnother.class);
        vault.linkedAt(person);

        List<String> trail = jdbc.sql("""
                select actor || ' ' || action || ' ' || outcome from my_number_vault_audit
                where actor in (:person, :intruder) order by id""")
            .param("person", person).param("intruder", intruder)
            .query(String.class).list();
        assertThat(trail).containsExactly(
                person + " read-link not-linked",
                person + " link linked",
                person + " link already-linked",
                intruder + " link refused-number-linked-to-other-person",
                person + " read-link linked");
        assertThat(jdbc.sql("select t::text from my_number_vault_audit t").query(String.class).list())
            .noneMatch(row -> row.contains(number));
    }

    /** Runs both at the same instant; each result is the value returned or the exception thrown. */
    private static List<Object> race(java.util.concurrent.Callable<Object> a, java.util.concurrent.Callable<Object> b)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<Object> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return task.call();
                    }
                    catch (MyNumberVault.LinkedToAnother refused) {
                        return refused;
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static String hmacSha256(String key, String number) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(number.getBytes(StandardCharsets.US_ASCII)));
    }

}
