-- Staff notices (to a department's or a role's LINE group / mailbox) travel through the same
-- delivery_batch rows as citizen messages: planned in the transaction that caused them, sent
-- after the commit by the per-channel dispatcher with the batch id as idempotency key, logged
-- per (event, recipient, channel). A staff batch has one configured address instead of members
-- (subscription ids); its batch id is derived from (event, address).
-- Version 3.2, not 3: leaves room for other V3 migrations merged beside this one.
alter table delivery_batch add column staff_address text;
alter table delivery_batch alter column members set default '{}';
alter table delivery_batch add constraint delivery_batch_staff_or_members
    check (staff_address is null or cardinality(members) = 0);
