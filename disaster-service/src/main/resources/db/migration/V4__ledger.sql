-- The disaster-victim ledger (被災者台帳, 災害対策基本法 第90条の3): one entry per affected household
-- (世帯番号) and disaster, its persons (宛名番号), damage, support and 要配慮者 (docs/ledger.md).
-- Personal data from the resident record: every read is recorded in ledger_read_audit.
create table ledger_household (
    disaster_id           uuid        not null references disaster (id),
    household_number      text        not null,
    applicant_atena       text        not null,
    dwelling_address      text,
    address               text,
    district              text check (district in ('YAMADA', 'INATSUKI', 'USUI', 'KAHO')),
    members_state         text        not null check (members_state in ('COMPLETE', 'PENDING', 'NOT_IN_RESIDENT_RECORD')),
    members_fetched_at    timestamptz,
    members_attempts      integer     not null default 0,
    damage_grade          text,
    surveyed_at           timestamptz,
    certificate_number    text,
    certificate_issued_at timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    primary key (disaster_id, household_number)
);
create index ledger_household_pending on ledger_household (updated_at) where members_state = 'PENDING';

-- The 罹災証明書 applications that put a household into the ledger: who applied (pseudonymous
-- person_ref, for the shelter stays) and which case they named.
create table ledger_application (
    application_id   uuid primary key,
    disaster_id      uuid        not null,
    household_number text        not null,
    person_ref       text,
    atena_number     text        not null,
    case_id          uuid,
    matched_at       timestamptz not null,
    foreign key (disaster_id, household_number) references ledger_household (disaster_id, household_number)
);
create index ledger_application_household on ledger_application (disaster_id, household_number);

create table ledger_person (
    disaster_id         uuid    not null,
    household_number    text    not null,
    atena_number        text    not null,
    name_kanji          text,
    name_kana           text,
    birth_date          date,
    sex                 text,
    address             text,
    household_head      boolean,
    relationship        text,
    status              text,
    applicant           boolean not null default false,
    care_reason         text check (care_reason in ('ELDERLY', 'DISABILITY', 'INFANT', 'PREGNANT', 'ILLNESS', 'LANGUAGE', 'OTHER')),
    care_note           text,
    care_set_by         text,
    care_set_at         timestamptz,
    primary key (disaster_id, household_number, atena_number),
    foreign key (disaster_id, household_number) references ledger_household (disaster_id, household_number)
);

create table ledger_support (
    id               uuid primary key,
    disaster_id      uuid        not null,
    household_number text        not null,
    kind             text        not null check (kind in ('LIVELIHOOD_RECOVERY_GRANT', 'EMERGENCY_REPAIR', 'SHELTER',
                                                          'TEMPORARY_HOUSING', 'CONDOLENCE_MONEY', 'OTHER')),
    given_on         date        not null,
    note             text,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    foreign key (disaster_id, household_number) references ledger_household (disaster_id, household_number)
);

-- One row per read of the ledger, written in the read's own transaction (like identity-service's
-- my_number_vault_audit): who (staff subject), when, what, why. household_number is null for a
-- read of the whole list or export.
create table ledger_read_audit (
    id               bigint generated always as identity primary key,
    actor            text        not null,
    operation        text        not null,
    disaster_id      uuid        not null,
    household_number text,
    purpose          text,
    at               timestamptz not null
);
create index ledger_read_audit_household on ledger_read_audit (disaster_id, household_number, at);
