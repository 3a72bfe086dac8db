package jp.kama.hub.boundaryexamples.bad.beta;

import jp.kama.hub.boundaryexamples.bad.alpha.SqlController;

/** Bad: needs alpha back (a cycle between feature packages). */
public class Beta {

    public void done() {
    }

    public void callBack(SqlController controller) {
        controller.save();
    }
}
