-- Citizens' subscriptions. Contact data (LINE user id, e-mail, phone) is personal: it lives only
-- here, is never logged and never leaves the service in an event.
create table subscription (
    id           uuid        primary key,
    -- the Keycloak token subject, or 'line:<userId>' for a LINE follower without a hub account
    subject      text        not null unique,
    districts    text[]      not null,
    topics       text[]      not null,
    language     text        not null check (language in ('ja', 'en', 'ja-easy')),
    line_user_id text,
    email        text,
    phone        text,
    updated_at   timestamptz not null
);
create index subscription_districts on subscription using gin (districts);
create index subscription_line_user on subscription (line_user_id);

-- One message to a group of recipients over one channel: a LINE multicast (<= 500 user ids),
-- or one e-mail / one SMS. batch_id is deterministic (event, channel, language, batch number)
-- and is the idempotency key sent with the call (X-Line-Retry-Key, Idempotency-Key,
-- Message-ID), so a batch resent after a crash is never delivered twice. members (subscription
-- ids) fixes who is in the batch when it is planned; delivery_log gets one row per member
-- when the outcome is known.
create table delivery_batch (
    batch_id        uuid        primary key,
    event_id        uuid        not null,
    channel         text        not null check (channel in ('LINE', 'EMAIL', 'SMS')),
    language        text        not null,
    kind            text        not null,
    subject_line    text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    recipients      integer     not null,
    members         uuid[]      not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    done_at         timestamptz
);
create index delivery_batch_due on delivery_batch (channel, next_attempt_at) where status = 'PENDING';

alter table delivery_log drop constraint delivery_log_channel_check;
alter table delivery_log add constraint delivery_log_channel_check check (channel in ('LINE', 'EMAIL', 'SMS'));
alter table delivery_log drop constraint delivery_log_status_check;
alter table delivery_log add constraint delivery_log_status_check
    check (status in ('PENDING', 'SENT', 'ALREADY_ACCEPTED', 'FAILED'));
alter table delivery_log alter column sent_at drop not null;
alter table delivery_log add column batch_id uuid;
create index delivery_log_batch on delivery_log (batch_id);

-- The latest snapshot of every shelter, for the public feeds (values with the time they were true).
create table shelter_state (
    shelter_id     text             primary key,
    name           text             not null,
    district       text             not null,
    latitude       double precision not null,
    longitude      double precision not null,
    status         text             not null,
    l_alert_status text             not null,
    capacity       integer          not null,
    occupancy      integer          not null,
    sample         boolean          not null,
    snapshot       jsonb            not null,
    as_of          timestamptz      not null
);

-- Entries of the CAP 1.2 Atom feed: evacuation information, shelter openings, approved alerts.
create table cap_entry (
    id            uuid             primary key,
    kind          text             not null check (kind in ('EVACUATION', 'SHELTER_OPENED', 'ALERT')),
    msg_type      text             not null check (msg_type in ('Alert', 'Update', 'Cancel')),
    event         text             not null,
    category      text             not null,
    response_type text             not null,
    urgency       text             not null,
    severity      text             not null,
    certainty     text             not null,
    headline      text             not null,
    description   text             not null,
    instruction   text,
    area_desc     text             not null,
    latitude      double precision,
    longitude     double precision,
    sent          timestamptz      not null
);
create index cap_entry_sent on cap_entry (sent desc);

-- Alerts drafted by disaster staff; published only when a second staff member approves.
create table alert (
    id           uuid        primary key,
    headline     text        not null,
    description  text        not null,
    instruction  text,
    districts    text[]      not null,
    severity     text        not null,
    urgency      text        not null,
    status       text        not null check (status in ('DRAFT', 'PUBLISHED')),
    drafted_by   text        not null,
    drafted_at   timestamptz not null,
    approved_by  text,
    published_at timestamptz
);

-- Which dead-lettered records were put back on their topic (topic, partition, offset).
create table dead_letter_replay (
    dlq_topic   text        not null,
    partition   integer     not null,
    next_offset bigint      not null,
    replayed_at timestamptz not null,
    primary key (dlq_topic, partition)
);
