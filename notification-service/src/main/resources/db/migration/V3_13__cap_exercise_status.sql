-- CAP <status>: Exercise for the alerts of a drill (訓練, an evacuation under an exercise
-- disaster), Actual for everything else (docs/notifications.md, "Exercises").
alter table cap_entry add column status text not null default 'Actual';
alter table cap_entry add constraint cap_entry_status_check check (status in ('Actual', 'Exercise'));
