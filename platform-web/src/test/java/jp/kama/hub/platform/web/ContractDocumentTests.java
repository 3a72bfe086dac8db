package jp.kama.hub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

class ContractDocumentTests {

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ContractDocumentAutoConfiguration.class));

    @Test
    void servesTheNamedContractFileAsYamlThatIsNeverCachedStale() throws Exception {
        MockMvc mvc = MockMvcBuilders.routerFunctions(ContractDocument.routes("sample-api.yaml")).build();
        String expected = new ClassPathResource("openapi/sample-api.yaml").getContentAsString(StandardCharsets.UTF_8);

        mvc.perform(get("/openapi/sample-api.yaml"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/yaml;charset=UTF-8"))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(content().string(expected));
    }

    @Test
    void servesNoOtherFile() throws Exception {
        MockMvc mvc = MockMvcBuilders.routerFunctions(ContractDocument.routes("sample-api.yaml")).build();

        mvc.perform(get("/openapi/other-api.yaml")).andExpect(status().isNotFound());
    }

    @Test
    void isConfiguredByTheContractFileProperty() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(RouterFunction.class));
        contexts.withPropertyValues("kama.contract.file=sample-api.yaml")
                .run(context -> assertThat(context).getBean("contractDocument", RouterFunction.class).isNotNull());
    }

    @Test
    void refusesToStartWhenTheContractFileIsMissing() {
        contexts.withPropertyValues("kama.contract.file=no-such-api.yaml")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("openapi/no-such-api.yaml"));
    }
}
