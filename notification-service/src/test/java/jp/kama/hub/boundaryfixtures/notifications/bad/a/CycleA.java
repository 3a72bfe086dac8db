package jp.kama.hub.boundaryfixtures.notifications.bad.a;

import jp.kama.hub.boundaryfixtures.notifications.bad.b.CycleB;

/** Bad: {@code a} uses {@code b} ... */
public class CycleA {

    CycleB next;
}
