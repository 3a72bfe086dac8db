package jp.kama.hub.localstack;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jp.kama.hub.corestub.CoreSystemsStub;

/**
 * The stub of the city's standard core systems (resident record, contracts
 * {@code core-resident-api.yaml}) in the local stack: hosted in the launcher's JVM like the fake
 * LINE API (no extra process), on 127.0.0.1:{@value #DEFAULT_PORT} with the documented ports and
 * on a free port otherwise, and handed to disaster-service as {@value #URL_VARIABLE}.
 * docs/core-systems.md describes it and its controls ({@code POST /__stub/mode}).
 */
final class CoreSystems {

    static final int DEFAULT_PORT = 8091;
    static final String URL_VARIABLE = "KAMA_CORE_RESIDENT_URL";

    private CoreSystems() {
    }

    /** Starts the stub, has {@code track} stop it with the stack, and reports it through {@code progress}. */
    static CoreSystemsStub start(Ports p, Consumer<AutoCloseable> track, BiConsumer<String, String> progress) {
        CoreSystemsStub stub = CoreSystemsStub.start(p.equals(Ports.defaults()) ? DEFAULT_PORT : 0);
        track.accept(stub);
        progress.accept("core systems stub", stub.baseUrl() + " (resident record, sample residents; POST /__stub/mode)");
        return stub;
    }

    /** Points disaster-service at the stub. */
    static void wire(Map<String, Map<String, String>> envs, CoreSystemsStub stub) {
        envs.get("disaster-service").put(URL_VARIABLE, stub.baseUrl());
    }
}
