package jp.kama.hub.cases.access;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import org.springframework.stereotype.Component;

/** Case-level visibility; a case the caller may not see or work on is a 404, never a 403 that reveals it. */
@Component
public class CaseAccess {

    private final CaseRepository cases;

    CaseAccess(CaseRepository cases) {
        this.cases = cases;
    }

    /** Staff who may change the case: everyone for disaster staff and admins, own department for department staff. */
    public boolean mayWork(Caller caller, Case c) {
        if (caller.seesAllCases()) {
            return true;
        }
        return caller.has(KeycloakRoles.DEPARTMENT_STAFF) && caller.department() != null && caller.department() == c.department();
    }

    public boolean maySee(Caller caller, Case c) {
        if (mayWork(caller, c)) {
            return true;
        }
        if (caller.has(KeycloakRoles.CITIZEN) || caller.has(KeycloakRoles.PARTNER)) {
            return cases.hasReportFrom(c.id(), caller.has(KeycloakRoles.CITIZEN) ? caller.subject() : null,
                    caller.has(KeycloakRoles.PARTNER) ? caller.clientId() : null);
        }
        return false;
    }

    /** The case, if the caller may see it; else 404. */
    public Case visible(Caller caller, CaseId id) {
        Case c = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
        if (!maySee(caller, c)) {
            throw new CaseNotFoundException(id);
        }
        return c;
    }

    /**
     * The department whose cases the caller may list and count, whatever they filter: department
     * staff their own, {@code null} (every department) for disaster staff and admins.
     *
     * @throws NoDepartmentException for department staff whose token names no department (403)
     */
    public Department departmentScope(Caller caller) {
        if (caller.seesAllCases()) {
            return null;
        }
        if (caller.has(KeycloakRoles.DEPARTMENT_STAFF) && caller.department() != null) {
            return caller.department();
        }
        throw new NoDepartmentException();
    }

    /** Fails with 404 unless the caller may change the case. */
    public void checkWork(Caller caller, Case c) {
        if (!mayWork(caller, c)) {
            throw new CaseNotFoundException(c.id());
        }
    }
}
