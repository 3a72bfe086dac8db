-- 罹災証明書 (disaster-victim certificate, 災害対策基本法 第90条の2): online applications, their
-- match to the resident record, photos, surveys and the certificates issued (package certificate,
-- docs/certificates.md). Personal data (name, birth date, address): never put in an event or a log.

create table certificate_application (
    id                      uuid primary key,
    disaster_id             uuid        not null references disaster (id),
    -- the applicant's token subject (card login); only they and disaster staff may read the row
    applicant_subject       text        not null,
    -- the applicant's pseudonym as the other services know it (the token's person_ref claim, which
    -- Keycloak maps from identity-service's card login; the Keycloak sub is Keycloak's own user id):
    -- the ledger joins shelter stays on it
    applicant_person_ref    text        not null,
    idempotency_key         text,
    -- SHA-256 of the request body's fields: the same Idempotency-Key with another body is refused
    request_hash            text        not null,
    name_kanji              text        not null,
    name_kana               text        not null,
    birth_date              date        not null,
    dwelling_address        text        not null,
    case_id                 uuid,
    description             text,
    status                  text        not null check (status in ('RECEIVED', 'WAITING_FOR_CORE_SYSTEM', 'NOT_MATCHED',
                                'MATCHED', 'SURVEY_SCHEDULED', 'CERTIFICATE_ISSUED', 'RE_SURVEY_REQUESTED')),
    received_at             timestamptz not null,
    -- matching to the resident record: attempts so far, when to try again (RECEIVED and
    -- WAITING_FOR_CORE_SYSTEM only; the retry polls these with FOR UPDATE SKIP LOCKED)
    match_attempts          integer     not null default 0,
    next_match_at           timestamptz,
    last_match_problem      text,
    atena_number            text,
    household_number        text,
    matched_at              timestamptz,
    not_matched_reason      text,
    survey_date             date,
    survey_note             text,
    grade                   text check (grade in ('ZENKAI', 'DAIKIBO_HANKAI', 'CHUKIBO_HANKAI', 'HANKAI', 'JUN_HANKAI',
                                'ICHIBU_SONKAI')),
    damage_ratio            numeric(5, 2),
    surveyed_at             timestamptz,
    surveyed_by             text,
    re_survey_reason        text,
    re_survey_requested_at  timestamptz,
    unique (applicant_subject, idempotency_key)
);

create index certificate_application_due on certificate_application (next_match_at)
    where status in ('RECEIVED', 'WAITING_FOR_CORE_SYSTEM');
create index certificate_application_disaster on certificate_application (disaster_id, received_at);
create index certificate_application_applicant on certificate_application (applicant_subject, received_at);

-- Photos of the damage, re-encoded without metadata (platform-web ImageSanitizer).
create table certificate_photo (
    id             uuid primary key,
    application_id uuid        not null references certificate_application (id),
    content_type   text        not null,
    width          integer     not null,
    height         integer     not null,
    image          bytea       not null,
    added_at       timestamptz not null
);

create index certificate_photo_application on certificate_photo (application_id, added_at);

-- Certificates issued, with what they certify as of their issue (the PDF is drawn from this row).
-- A re-survey issues a new one; the old one names its successor in superseded_by.
create table certificate (
    number           text primary key,
    application_id   uuid        not null references certificate_application (id),
    grade            text        not null,
    issued_on        date        not null,
    issued_at        timestamptz not null,
    holder_name      text        not null,
    dwelling_address text        not null,
    disaster_name    text        not null,
    disaster_date    date        not null,
    superseded_by    text references certificate (number)
);

create index certificate_by_application on certificate (application_id, issued_at);
