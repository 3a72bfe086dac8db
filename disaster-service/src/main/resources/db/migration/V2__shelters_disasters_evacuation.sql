-- Shelters (指定避難所 / 指定緊急避難場所): master data from the national open-data CSV plus
-- occupancy and the status derived from it. open_data keeps the 39 national column values in
-- the national column order (the names are in code: shelter.OpenDataColumns).
create table shelter (
    id                   text primary key,
    name                 text             not null,
    name_kana            text,
    address              text             not null,
    district             text             not null check (district in ('YAMADA', 'INATSUKI', 'USUI', 'KAHO')),
    latitude             double precision not null,
    longitude            double precision not null,
    designated_shelter   boolean          not null,
    emergency_site       boolean          not null,
    hazards              text[]           not null,
    capacity             integer          not null check (capacity > 0),
    occupancy            integer          not null default 0 check (occupancy >= 0),
    opened               boolean          not null default false,
    status               text             not null check (status in ('OPEN', 'CROWDED', 'FULL', 'CLOSED')),
    open_data            text[]           not null,
    sample               boolean          not null default false,
    as_of                timestamptz      not null
);

-- One row: the occupancy thresholds in force once staff changed them (absent: configuration).
create table shelter_thresholds (
    id              integer primary key default 1 check (id = 1),
    crowded_percent integer     not null,
    full_percent    integer     not null,
    changed_at      timestamptz not null,
    changed_by      text        not null
);

-- A person's stay in a shelter. person_ref is an opaque pseudonymous id, never a My Number.
-- At most one open stay per person and shelter: a second check-in is not counted twice.
create table shelter_stay (
    id             bigserial primary key,
    shelter_id     text        not null references shelter (id),
    person_ref     text        not null,
    checked_in_at  timestamptz not null,
    checked_out_at timestamptz
);
create unique index shelter_stay_open on shelter_stay (shelter_id, person_ref) where checked_out_at is null;

-- A shelter flagged for staff review because a hazard case was reported near it.
create table shelter_flag (
    id           uuid primary key,
    shelter_id   text             not null references shelter (id),
    case_id      uuid             not null,
    category     text             not null,
    distance_m   integer          not null,
    reported_at  timestamptz      not null,
    flagged_at   timestamptz      not null,
    status       text             not null check (status in ('OPEN', 'ACKNOWLEDGED', 'SHELTER_CLOSED')),
    decided_by   text,
    decided_at   timestamptz,
    unique (shelter_id, case_id)
);

create table disaster (
    id          uuid primary key,
    name        text        not null,
    kind        text        not null,
    declared_at timestamptz not null,
    declared_by text        not null,
    ended_at    timestamptz,
    ended_by    text
);

-- The evacuation information (避難情報) in force per district; level null = none in force.
create table district_evacuation (
    district    text primary key check (district in ('YAMADA', 'INATSUKI', 'USUI', 'KAHO')),
    level       integer check (level in (3, 4, 5)),
    message     text,
    disaster_id uuid references disaster (id),
    issued_at   timestamptz,
    drafted_by  text,
    approved_by text,
    as_of       timestamptz not null
);
insert into district_evacuation (district, as_of)
values ('YAMADA', now()), ('INATSUKI', now()), ('USUI', now()), ('KAHO', now());

-- A change of a district's evacuation information: takes effect only when approved.
create table evacuation_draft (
    id          uuid primary key,
    disaster_id uuid        not null references disaster (id),
    district    text        not null check (district in ('YAMADA', 'INATSUKI', 'USUI', 'KAHO')),
    level       integer check (level in (3, 4, 5)),
    message     text,
    status      text        not null check (status in ('PENDING', 'APPLIED', 'REJECTED')),
    drafted_by  text        not null,
    drafted_at  timestamptz not null,
    decided_by  text,
    decided_at  timestamptz
);
