package jp.kama.hub.cases.config;

import jp.kama.hub.contracts.cases.model.CaseSortOrder;
import jp.kama.hub.contracts.cases.model.Department;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters typed by the contract's enums: department codes are lower case
 * ({@code ?department=road}), and so are the sort orders ({@code ?sort=due}), which the default
 * name-based enum conversion would refuse.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Department.class, Department::fromValue);
        registry.addConverter(String.class, CaseSortOrder.class, CaseSortOrder::fromValue);
    }
}
