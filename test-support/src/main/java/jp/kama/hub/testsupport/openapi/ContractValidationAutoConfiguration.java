package jp.kama.hub.testsupport.openapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Turns {@link ContractValidation} on for every MockMvc a test gets from Spring Boot
 * ({@code @AutoConfigureMockMvc}, {@code @WebMvcTest}): listed in test-support's
 * {@code META-INF/spring/org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc.imports},
 * so every module with test-support on its test classpath gets it without a line of its own.
 *
 * <p>The contract is the module's {@code contract-validation.properties} {@code contract=} or else
 * the service's {@code kama.contract.file}; without either, nothing is checked. Off for a whole
 * test class with {@code kama.test.contract-validation=false} (a reason belongs next to it).
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer")
public class ContractValidationAutoConfiguration {

    @Bean
    MockMvcBuilderCustomizer kamaContractValidation(Environment env) {
        String contract = ContractValidation.contractOf(env.getProperty("kama.contract.file"));
        if (contract == null || contract.isBlank() || !env.getProperty("kama.test.contract-validation", Boolean.class, true)) {
            return builder -> { };
        }
        ContractValidation validation = ContractValidation.of(contract);
        return builder -> builder.alwaysExpect(validation);
    }
}
