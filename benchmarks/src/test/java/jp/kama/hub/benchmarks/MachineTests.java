package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTests {

    @Test
    void recognisesTheProcessesOfTheStackByTheirCommandLine() {
        assertThat(Machine.component("/usr/lib/jvm/bin/java -Xmx512m -cp a.jar:b.jar jp.kama.hub.infra.kafka.KafkaBroker /tmp/x/kafka 9092 9093"))
                .isEqualTo("kafka");
        assertThat(Machine.component("/usr/lib/jvm/bin/java -Xms128m -jar /work/main/case-service/target/case-service-0.1.0-SNAPSHOT.jar"))
                .isEqualTo("case-service");
        assertThat(Machine.component("/usr/lib/jvm/bin/java -jar /work/main/gateway/target/gateway-0.1.0-SNAPSHOT.jar"))
                .isEqualTo("gateway");
        assertThat(Machine.component("/usr/lib/jvm/bin/java -Xmx512m -jar /tmp/kama-bench-1/jars/notification-service.jar"))
                .isEqualTo("notification-service");
        assertThat(Machine.component("/usr/lib/jvm/bin/java -jar /work/main/case-service/target/surefire/surefirebooter-1.jar /work/main/case-service/target/surefire"))
                .as("a test JVM of case-service is not case-service").isNull();
        assertThat(Machine.component("/tmp/embedded-pg/PG-abc/bin/postgres -D /tmp/kama-bench-1/postgres -p 15432"))
                .isEqualTo("postgresql");
        assertThat(Machine.component("postgres: postgres case_service 127.0.0.1(51234) idle")).isEqualTo("postgresql");
        assertThat(Machine.component("java -Dkc.home.dir=/tmp/x/keycloak/keycloak-26.7.3 io.quarkus.bootstrap.runner.QuarkusEntryPoint start-dev"))
                .isEqualTo("keycloak");
        assertThat(Machine.component("/usr/bin/bash ./mvnw -B -o -pl case-service verify")).isNull();
    }

    @Test
    void cpuSharesShowTheBenchmarkItselfBusyAndNothingNegative() {
        Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
        long until = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        Machine.CpuSnapshot after = Machine.CpuSnapshot.take();

        var cpu = after.since(before);
        assertThat(spin).isPositive();
        assertThat((Double) cpu.get("machineBusyPercent")).isBetween(0.0, 100.0);
        @SuppressWarnings("unchecked")
        var shares = (java.util.Map<String, Double>) cpu.get("sharePercentOfMachine");
        assertThat(shares).containsKey("rest of the machine");
        assertThat(shares.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
        assertThat(shares.get("benchmark JVM (load generator, launcher, fake LINE)")).as("this JVM just spun for 300 ms").isPositive();
    }
}
