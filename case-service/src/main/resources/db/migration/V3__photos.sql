-- Photos of reports, metadata (EXIF, GPS) already removed; served only to who may see the case.
create table photo (
    id           uuid primary key,
    report_id    uuid        not null references report (id),
    content_type text        not null,
    width        integer     not null,
    height       integer     not null,
    data         bytea       not null,
    thumbnail    bytea       not null,
    created_at   timestamptz not null
);
create index photo_report on photo (report_id, created_at);
