-- What notification-service delivered: one row per (event, recipient, channel), written in the
-- same transaction as the event's processed mark. The text itself is not kept.
create table delivery_log (
    event_id            uuid        not null,
    recipient           text        not null,
    channel             text        not null check (channel in ('LINE')),
    retry_key           uuid        not null,
    status              text        not null check (status in ('SENT', 'ALREADY_ACCEPTED')),
    provider_request_id text,
    sent_at             timestamptz not null,
    primary key (event_id, recipient, channel)
);
