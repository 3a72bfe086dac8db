-- Issue 4: triage and recovery, district, deadlines (karte 38), duplicates, idempotency, audit.

-- Cases opened before this migration get the disaster-response desk as owner and a deadline
-- of "now": no open case is left without an owner or a deadline.
alter table cases
    add column district          text,
    add column severity          integer check (severity between 1 and 4),
    add column department        text,
    add column assignee          text,
    add column due_at            timestamptz,
    add column overdue           boolean     not null default false,
    add column duplicate_of      uuid references cases (id),
    add column last_reported_at  timestamptz;
update cases set department = 'general', due_at = now(), last_reported_at = reported_at;
alter table cases
    alter column department set not null,
    alter column last_reported_at set not null,
    add constraint open_case_has_deadline
        check (status in ('CLOSED', 'REJECTED', 'DUPLICATE') or due_at is not null);

-- the duplicate search: open cases of a category, recent, near a point (bounding box first)
create index cases_open_by_category on cases (category, last_reported_at)
    where status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED');
create index cases_due on cases (due_at) where not overdue;
create index cases_department on cases (department, status);
create index cases_reported_at on cases (reported_at desc);

alter table report
    add column district  text,
    -- OAuth client (token azp) a partner system submitted through; partners see only their own
    add column client_id text;
create index report_client on report (client_id) where client_id is not null;

-- who did what to a case and when: transitions, work notes, merges, splits, overdue marks
create table case_history (
    id          bigserial primary key,
    case_id     uuid        not null references cases (id),
    kind        text        not null,
    from_status text,
    to_status   text,
    actor       text        not null,
    note        text,
    report_id   uuid,
    at          timestamptz not null
);
create index case_history_case on case_history (case_id, id);

-- Idempotency-Key of POST /reports: the first answer, kept per caller and key. The row is
-- claimed first in the intake transaction (a concurrent retry waits on the primary key) and
-- completed with the case at the end of the same transaction.
create table idempotency_key (
    caller        text        not null,
    key           text        not null,
    request_hash  text        not null,
    report_id     uuid        not null,
    case_id       uuid,
    case_status   text,
    received_at   timestamptz not null,
    primary key (caller, key)
);

-- every read of a reporter's personal data (contact): who, when, which case/report, why
create table personal_data_access (
    id         bigserial primary key,
    actor      text        not null,
    actor_role text        not null,
    case_id    uuid        not null,
    report_id  uuid        not null,
    purpose    text        not null,
    at         timestamptz not null
);
create index personal_data_access_report on personal_data_access (report_id);
