package jp.kama.hub.boundaryexamples.bad;

/** Bad: a class in the root package instead of a feature package. */
public class Stray {
}
