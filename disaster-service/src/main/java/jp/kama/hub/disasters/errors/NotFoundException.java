package jp.kama.hub.disasters.errors;

/** No such shelter, disaster, draft or flag (404). */
public class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
