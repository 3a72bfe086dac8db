package jp.kama.hub.boundaryexamples.disasters.beta;

import jp.kama.hub.boundaryexamples.disasters.alpha.SqlController;

/** Bad: needs alpha back (a cycle between feature packages). */
public class Beta {

    public void done() {
    }

    public void callBack(SqlController controller) {
        controller.save();
    }
}
