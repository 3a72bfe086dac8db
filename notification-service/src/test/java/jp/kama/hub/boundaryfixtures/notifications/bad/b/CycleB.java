package jp.kama.hub.boundaryfixtures.notifications.bad.b;

import jp.kama.hub.boundaryfixtures.notifications.bad.a.CycleA;

/** ... and {@code b} uses {@code a}: a package cycle. */
public class CycleB {

    CycleA back;
}
