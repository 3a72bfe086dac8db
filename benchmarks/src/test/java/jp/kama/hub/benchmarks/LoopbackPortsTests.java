package jp.kama.hub.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import jp.kama.hub.localstack.Ports;
import org.junit.jupiter.api.Test;

class LoopbackPortsTests {

    @Test
    void picksElevenDistinctPortsBelowTheEphemeralRangeAndAwayFromKamaRun() {
        Ports p = LoopbackPorts.pick(new Random(5));

        List<Integer> all = List.of(p.gateway(), p.caseService(), p.disasterService(), p.notificationService(), p.identityService(),
                p.keycloak(), p.keycloakManagement(), p.kafka(), p.kafkaController(), p.postgres(), p.fakeLine());
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(port -> assertThat(port).isBetween(LoopbackPorts.LOWEST, LoopbackPorts.ephemeralRangeStart() - 1));
    }
}
