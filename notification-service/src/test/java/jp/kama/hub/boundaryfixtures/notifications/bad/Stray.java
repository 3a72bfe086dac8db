package jp.kama.hub.boundaryfixtures.notifications.bad;

/** Bad: a class in the service's root package instead of a feature package. */
public class Stray {
}
