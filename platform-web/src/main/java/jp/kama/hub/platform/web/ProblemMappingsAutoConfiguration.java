package jp.kama.hub.platform.web;

import jp.kama.hub.platform.web.problem.ProblemMapping;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Collects the application's {@link ProblemMapping} beans, for the servlet and the reactive handlers. */
@AutoConfiguration
public class ProblemMappingsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemMappings problemMappings(ObjectProvider<ProblemMapping<?>> mappings) {
        return new ProblemMappings(mappings.orderedStream().toList());
    }
}
