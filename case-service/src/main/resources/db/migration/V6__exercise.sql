-- A drill's (訓練) reports and cases are marked exercise: they never merge with real ones, stay
-- out of the KPIs, tell no citizen, and can be deleted (DELETE /cases/{id}, docs/drill.md).
alter table cases add column exercise boolean not null default false;
alter table report add column exercise boolean not null default false;
create index cases_exercise on cases (id) where exercise;
