package jp.kama.hub.boundaryfixtures.notifications.bad.template;

import org.springframework.http.HttpStatus;

/** Bad: domain code (a template) that knows about HTTP. */
public class WebAwareTemplate {

    public String render(HttpStatus status) {
        return "status " + status.value();
    }
}
