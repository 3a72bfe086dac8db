-- Plan KPIs (karte 32): the time of the decision a publication carries (the event's time: an
-- evacuation level's or alert's approval, a shelter's status change), so the latency from
-- decision to delivery is the batch's done_at minus this. Null for batches planned before this
-- column and for staff notices and case progress (not publications).
-- Version 3.12, not 4: leaves room for other migrations merged beside this one.
alter table delivery_batch add column decided_at timestamptz;
create index delivery_batch_decided on delivery_batch (decided_at) where decided_at is not null;
