-- The damage-report conversation on LINE (docs/line-conversation.md).

-- Each webhook event once: LINE redelivers an event whose answer it did not get, with the same
-- webhookEventId. The id is stored in the transaction that handles the event.
create table line_webhook_event (
    webhook_event_id text        primary key,
    received_at      timestamptz not null
);

-- One conversation per LINE user, stored after each step, so it survives a restart. Steps:
-- CATEGORY, LOCATION, PHOTO, DESCRIPTION (waiting for the user), SUBMITTING (the report is on
-- its way to case-service; tried again, with the same idempotency key, until it is taken).
-- A finished conversation is deleted; an idle one expires at expires_at.
create table line_conversation (
    line_user_id     text        primary key,
    step             text        not null check (step in ('CATEGORY', 'LOCATION', 'PHOTO', 'DESCRIPTION', 'SUBMITTING')),
    language         text        not null check (language in ('ja', 'en', 'ja-easy')),
    category         text,
    latitude         double precision,
    longitude        double precision,
    address          text,
    photo_message_id text,
    description      text,
    idempotency_key  uuid        not null,
    -- set once case-service took the report (the photo and the user's message may still be due)
    report_id        uuid,
    case_id          uuid,
    started_at       timestamptz not null,
    updated_at       timestamptz not null,
    expires_at       timestamptz not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    last_error       text
);
create index line_conversation_due on line_conversation (next_attempt_at) where step = 'SUBMITTING';
create index line_conversation_expiry on line_conversation (expires_at) where step <> 'SUBMITTING';

-- A report made in a LINE conversation: its case's progress goes back to that chat.
create table line_report (
    report_id    uuid        primary key,
    case_id      uuid        not null,
    line_user_id text        not null,
    -- the subscription (subject) that gets the progress: the LINE user's own
    subject      text        not null,
    created_at   timestamptz not null
);
create index line_report_case on line_report (case_id);
