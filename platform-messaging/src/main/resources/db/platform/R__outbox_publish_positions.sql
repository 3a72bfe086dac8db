-- Where each published event landed on Kafka, and the relay's record of attempts in flight
-- (jp.kama.hub.platform.outbox.OutboxRelay).
--
-- A repeatable migration for the reason R__outbox_request_id.sql gives (a V0_2 would sort below
-- the V1... a service's existing database already has): it must stay idempotent (if not exists),
-- and a service's versioned migration must not rely on it.

-- the Kafka partition and offset of a published event (null for one published before this
-- column existed, or through a binder that does not say)
alter table outbox_event add column if not exists kafka_partition integer;
alter table outbox_event add column if not exists kafka_offset bigint;

-- One row per outbox event handed to the producer and not yet marked published, committed
-- before the records go out: a row claimed again that has one may already be on Kafka, so the
-- relay first reads the topic from first_attempt_at (every record carries its attempt's time as
-- its timestamp, and the header kama-event-id) and marks what it finds instead of resending it.
-- Deleted in the transaction that marks the event published; so never more rows than are pending.
-- No table of positions per partition is needed: the search starts at the attempt's time, which
-- a purge of published events cannot take away, and which stays right with several relay
-- instances (a highest recorded offset would not: one instance's marks can lie beyond another's
-- unmarked records).
create table if not exists outbox_attempt (
    seq              bigint      primary key,
    first_attempt_at timestamptz not null
);
