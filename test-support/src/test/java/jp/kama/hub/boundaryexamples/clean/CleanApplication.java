package jp.kama.hub.boundaryexamples.clean;

/** Clean: the only class at the root is the application class. */
public class CleanApplication {
}
