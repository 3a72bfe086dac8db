-- L-Alert (災害情報共有システム, 公共情報コモンズ): evacuation information and shelter status also
-- leave as EDXL-DE documents (lalert.LAlertDocuments) through the same delivery_batch rows as
-- every other channel: planned in the consumer's inbox transaction, sent after the commit with
-- the batch id as idempotency key (and as the document's distributionID), logged once per
-- (event, recipient, channel). An L-Alert batch has no members: its one address is the
-- configured receiver, kept in staff_address (the column of every batch with one fixed address).
alter table delivery_batch drop constraint delivery_batch_channel_check;
alter table delivery_batch add constraint delivery_batch_channel_check check (channel in ('LINE', 'EMAIL', 'SMS', 'LALERT'));
alter table delivery_log drop constraint delivery_log_channel_check;
alter table delivery_log add constraint delivery_log_channel_check check (channel in ('LINE', 'EMAIL', 'SMS', 'LALERT'));

-- One L-Alert document series (commons:documentID) and the revision it has reached: each new
-- message of a series is its next revision (distributionType Update), so receivers replace the
-- earlier one. Counted inside the inbox transaction, so a redelivered event takes no number.
create table lalert_document (
    document_id        text        primary key,
    revision           integer     not null,
    first_created_at   timestamptz not null
);
