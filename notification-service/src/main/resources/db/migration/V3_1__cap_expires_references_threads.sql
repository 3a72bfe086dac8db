-- CAP aggregators (Google Public Alerts, the IFRC Alert Hub) need every <info> to expire, and an
-- Update to reference the earlier alerts it updates. Alerts about one thing form a thread
-- ('EVACUATION:<district>', 'SHELTER:<shelterId>', 'ALERT:<alertId>'); an alert that follows a
-- live one of its thread is an Update referencing it. docs/notifications.md has the rules.
alter table cap_entry add column thread text;
alter table cap_entry add column expires timestamptz;
-- the CAP <references> value: "sender,identifier,sent" of each earlier live alert of the thread
alter table cap_entry add column refs text;
update cap_entry set thread = kind || ':' || id::text, expires = sent + interval '24 hours';
alter table cap_entry alter column thread set not null;
alter table cap_entry alter column expires set not null;
alter table cap_entry add constraint cap_entry_expires_after_sent check (expires > sent);
alter table cap_entry drop constraint cap_entry_kind_check;
alter table cap_entry add constraint cap_entry_kind_check
    check (kind in ('EVACUATION', 'SHELTER_OPENED', 'SHELTER_CLOSED', 'ALERT'));
create index cap_entry_thread on cap_entry (thread, sent desc);
