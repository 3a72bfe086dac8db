package jp.kama.hub.platform;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import jp.kama.hub.platform.correlation.RequestIdRecordInterceptor;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.inbox.EventInbox;
import jp.kama.hub.platform.outbox.Outbox;
import jp.kama.hub.platform.outbox.OutboxProperties;
import jp.kama.hub.platform.outbox.OutboxRelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
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

    @Bean
    @ConditionalOnBean({JdbcClient.class, StreamBridge.class})
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager txm, StreamBridge bridge,
                            OutboxProperties props, MeterRegistry meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(txm), bridge, props, meters);
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
