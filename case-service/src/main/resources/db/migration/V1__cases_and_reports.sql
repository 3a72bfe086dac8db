-- A case is the incident staff work on; a report is what one caller sent about it.
create table cases (
    id            uuid primary key,
    status        text        not null,
    category      text        not null,
    latitude      double precision not null check (latitude between -90 and 90),
    longitude     double precision not null check (longitude between -180 and 180),
    address_text  text,
    description   text        not null,
    channel       text        not null,
    reported_at   timestamptz not null,
    report_count  integer     not null default 1,
    version       bigint      not null default 0,
    updated_at    timestamptz not null
);
create index cases_status on cases (status);

create table report (
    id               uuid primary key,
    case_id          uuid        not null references cases (id),
    reporter_subject text        not null,
    channel          text        not null,
    category         text        not null,
    latitude         double precision not null,
    longitude        double precision not null,
    address_text     text,
    description      text        not null,
    -- personal data: read only by staff, never put on a topic
    contact_name     text,
    contact_phone    text,
    contact_email    text,
    contact_consent  boolean     not null default false,
    received_at      timestamptz not null
);
create index report_case on report (case_id);
create index report_reporter on report (reporter_subject);
