package jp.kama.hub.testsupport.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.mockmvc.MockMvcRequest;
import com.atlassian.oai.validator.mockmvc.MockMvcResponse;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Checks every MockMvc exchange against the service's OpenAPI document in {@code contracts}
 * ({@code classpath:openapi/<file>}) with Atlassian's swagger-request-validator: the path and method
 * are an operation of the contract, the response status, headers and body are the ones the contract
 * declares for it, and a request the service accepted is one the contract allows.
 *
 * <p>{@link ContractValidationAutoConfiguration} applies it to every {@code @AutoConfigureMockMvc}
 * and {@code @WebMvcTest} test of a service ({@code alwaysExpect}), so a new endpoint's tests are
 * validated without anyone turning it on. What is checked:
 * <ul>
 * <li>the <b>response</b> of every request, refused ones included (a 400, 401, 403, 404 … must be a
 *     status the operation declares, with the declared body);</li>
 * <li>the <b>request</b> only when the service accepted it (status below 400): a test that sends a
 *     deliberately bad request to see it refused is not a contract violation of the test;</li>
 * <li>paths that are not API operations (the actuator, the served contract document, Swagger UI) are
 *     not checked ({@link #NOT_API}).</li>
 * </ul>
 *
 * <p>Exceptions are scoped and carry their reason, in the module's {@code src/test/resources/}
 * {@value #SETTINGS}: {@code exception.<name>=<METHOD|*> <path regex> <message key> -- <reason>};
 * or for one request, {@code .with(ContractValidation.notChecked("reason"))}. See docs/testing.md.
 */
public final class ContractValidation implements ResultMatcher {

    /** The module's settings on the test classpath: {@code contract=} and {@code exception.*=}. */
    public static final String SETTINGS = "contract-validation.properties";

    /** Request attribute that exempts one request; its value is the reason. */
    public static final String NOT_CHECKED = ContractValidation.class.getName() + ".notChecked";

    /** Paths served by a service that are not operations of its API contract. */
    static final Pattern NOT_API = Pattern.compile("^/(actuator|openapi|swagger-ui|v3/api-docs|error)(/.*)?$|^/swagger-ui\\.html$");

    private static final Pattern EXCEPTION = Pattern.compile("(\\*|[A-Z]+)\\s+(\\S+)\\s+(\\S+)\\s+--\\s+(\\S.*)");
    private static final Map<String, ContractValidation> CACHE = new ConcurrentHashMap<>();

    private final String contract;
    private final OpenApiInteractionValidator validator;
    private final List<Exemption> exceptions;

    /** One scoped exception: method ({@code *} for any), path (whole-path regex), message key, reason. */
    record Exemption(String name, String method, Pattern path, String key, String reason) {
        boolean covers(String requestMethod, String requestPath, String messageKey) {
            return (method.equals("*") || method.equals(requestMethod)) && path.matcher(requestPath).matches()
                    && key.equals(messageKey);
        }
    }

    private ContractValidation(String contract, OpenApiInteractionValidator validator, List<Exemption> exceptions) {
        this.contract = contract;
        this.validator = validator;
        this.exceptions = exceptions;
    }

    /**
     * The validation against {@code classpath:openapi/<contract>} with the exceptions of the
     * module's {@value #SETTINGS} (if any); one instance per contract and class loader.
     */
    public static ContractValidation of(String contract) {
        return CACHE.computeIfAbsent(contract, c -> create(c, settings()));
    }

    /** The contract a module's settings name, else {@code fallback} (the service's {@code kama.contract.file}). */
    public static String contractOf(String fallback) {
        String named = settings().getProperty("contract");
        return named == null || named.isBlank() ? fallback : named.strip();
    }

    /** Exempts one request from the check, for a test that must send or receive what the contract does not have. */
    public static RequestPostProcessor notChecked(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an exception from the contract check needs its reason");
        }
        return request -> {
            request.setAttribute(NOT_CHECKED, reason);
            return request;
        };
    }

    static ContractValidation create(String contract, Properties settings) {
        String spec = read("openapi/" + contract);
        List<Exemption> exemptions = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(exceptionsOf(settings)).entrySet()) {
            Matcher m = EXCEPTION.matcher(e.getValue().strip());
            if (!m.matches()) {
                throw new IllegalStateException(SETTINGS + ": exception." + e.getKey()
                        + " must be '<METHOD|*> <path regex> <message key> -- <reason>', was: " + e.getValue());
            }
            exemptions.add(new Exemption(e.getKey(), m.group(1), Pattern.compile(m.group(2)), m.group(3), m.group(4)));
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                // the services serve the API at the root; the contract's servers are the gateway's /api and the service ports
                .withBasePathOverride("/")
                .build();
        return new ContractValidation(contract, validator, List.copyOf(exemptions));
    }

    /** The exceptions in force, each as {@code name: reason}. */
    public List<String> exceptions() {
        return exceptions.stream().map(e -> e.name() + ": " + e.reason()).toList();
    }

    @Override
    public void match(MvcResult result) {
        MockHttpServletRequest servletRequest = result.getRequest();
        if (servletRequest.getAttribute(NOT_CHECKED) != null || NOT_API.matcher(path(servletRequest)).matches()) {
            return;
        }
        MockHttpServletResponse servletResponse = result.getResponse();
        Request request = MockMvcRequest.of(servletRequest);
        ValidationReport report = servletResponse.getStatus() < 400
                ? validator.validate(request, MockMvcResponse.of(servletResponse))
                : validator.validateResponse(request.getPath(), request.getMethod(), MockMvcResponse.of(servletResponse));
        String method = servletRequest.getMethod();
        String path = path(servletRequest);
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> exceptions.stream().noneMatch(e -> e.covers(method, path, m.getKey())))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " -> "
                    + servletResponse.getStatus() + " does not match the contract " + contract + ":\n"
                    + describe(errors)
                    + "(a deliberate exception goes into " + SETTINGS + " with its reason, see docs/testing.md)");
        }
    }

    /** Each error with its message key, which is what an exception names. */
    private static String describe(List<ValidationReport.Message> errors) {
        StringBuilder out = new StringBuilder();
        for (ValidationReport.Message m : errors) {
            out.append("  ").append(m.getKey()).append(": ").append(m.getMessage());
            m.getAdditionalInfo().forEach(info -> out.append("\n      ").append(info));
            out.append('\n');
        }
        return out.toString();
    }

    private static String path(MockHttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static Map<String, String> exceptionsOf(Properties settings) {
        Map<String, String> found = new TreeMap<>();
        settings.stringPropertyNames().stream().filter(k -> k.startsWith("exception."))
                .forEach(k -> found.put(k.substring("exception.".length()), settings.getProperty(k)));
        return found;
    }

    private static Properties settings() {
        Properties p = new Properties();
        try (InputStream in = ContractValidation.class.getClassLoader().getResourceAsStream(SETTINGS)) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String read(String resource) {
        try (InputStream in = ContractValidation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + resource + " (is contracts on the test classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "ContractValidation[" + contract + ", exceptions " + exceptions + "]";
    }
}
