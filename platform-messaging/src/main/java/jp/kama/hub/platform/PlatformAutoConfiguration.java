package jp.kama.hub.platform;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import jp.kama.hub.platform.correlation.RequestIdRecordInterceptor;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.inbox.EventInbox;
import jp.kama.hub.platform.outbox.KafkaOutboxPublisher;
import jp.kama.hub.platform.outbox.Outbox;
import jp.kama.hub.platform.outbox.OutboxPublisher;
import jp.kama.hub.platform.outbox.OutboxProperties;
import jp.kama.hub.platform.outbox.OutboxRelay;
import jp.kama.hub.platform.outbox.StreamBridgeOutboxPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the messaging building blocks (CloudEvents codec, outbox and relay, inbox) into a service that has this module. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(OutboxProperties.class)
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(JsonMapper json, Clock clock, @Value("${spring.application.name}") String app) {
        return new CloudEventCodec(json, "/kama/" + app, clock);
    }

    /**
     * The relay publishes with its own Kafka producer ({@link KafkaOutboxPublisher}, see
     * {@link OutboxRelay} for why) on the binder's brokers and settings
     * ({@code spring.cloud.stream.kafka.binder.brokers}, {@code .configuration.*},
     * {@code .producer-properties.*}), a binding's topic being its destination; through
     * {@link StreamBridge} only when the default binder is not Kafka (a test binder).
     */
    @Bean
    @ConditionalOnBean({JdbcClient.class, StreamBridge.class})
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager txm, StreamBridge bridge,
                            ObjectProvider<BindingServiceProperties> bindings, Environment env,
                            OutboxProperties props, MeterRegistry meters) {
        String binder = env.getProperty("spring.cloud.stream.default-binder", "kafka");
        BindingServiceProperties destinations = bindings.getIfAvailable();
        OutboxPublisher publisher = "kafka".equals(binder) && destinations != null
                ? new KafkaOutboxPublisher(kafkaClientSettings(env), destinations::getBindingDestination)
                : new StreamBridgeOutboxPublisher(bridge);
        return new OutboxRelay(jdbc, txm, publisher, props, meters);
    }

    /** The Kafka binder's client settings: brokers, then {@code configuration.*}, then {@code producer-properties.*}. */
    static Map<String, Object> kafkaClientSettings(Environment env) {
        Binder binder = Binder.get(env);
        Bindable<Map<String, String>> map = Bindable.mapOf(String.class, String.class);
        String brokers = binder.bind("spring.cloud.stream.kafka.binder.brokers", Bindable.listOf(String.class))
                .map(list -> String.join(",", list))
                .orElseGet(() -> env.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"));
        Map<String, Object> settings = new HashMap<>();
        settings.putAll(binder.bind("spring.cloud.stream.kafka.binder.configuration", map).orElse(Map.of()));
        settings.putAll(binder.bind("spring.cloud.stream.kafka.binder.producer-properties", map).orElse(Map.of()));
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return settings;
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    Outbox outbox(JdbcClient jdbc, CloudEventCodec codec, OutboxRelay relay) {
        return new Outbox(jdbc, codec, relay);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    EventInbox eventInbox(JdbcClient jdbc, PlatformTransactionManager txm) {
        return new EventInbox(jdbc, new TransactionTemplate(txm));
    }

    /**
     * Every Kafka consumer binding's container gets {@link RequestIdRecordInterceptor}: the
     * {@code kama-request-id} header is in the MDC while a record is handled. The Kafka binder
     * takes one such customizer; a service that needs its own must add the interceptor itself.
     */
    @Bean
    @ConditionalOnMissingBean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> requestIdContainerCustomizer() {
        return (container, destination, group) -> container.setRecordInterceptor(new RequestIdRecordInterceptor<>());
    }
}
