-- Shared by every service (jp.kama.hub.platform): the transactional outbox and the record of
-- processed events. Versions 0.x belong to the platform; a service's own migrations start at 1.

-- Events written in the same transaction as the state change they describe. The relay
-- publishes unpublished rows to Kafka in seq order and then stamps published_at.
create table outbox_event (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    binding      text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- One row per (consumer, event) handled; inserted in the same transaction as the handling,
-- so a redelivered event is recognised and skipped.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
