package jp.kama.hub.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The {@link ContractDocument} route of a servlet service that sets {@code kama.contract.file}
 * (e.g. {@code case-api.yaml}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("kama.contract.file")
public class ContractDocumentAutoConfiguration {

    @Bean
    RouterFunction<ServerResponse> contractDocument(@Value("${kama.contract.file}") String file) {
        return ContractDocument.routes(file);
    }
}
