-- A drill (訓練) is declared as an exercise: its evacuation information goes out as CAP status
-- Exercise and reaches no citizen, and the whole disaster can be deleted (docs/drill.md).
alter table disaster add column exercise boolean not null default false;
