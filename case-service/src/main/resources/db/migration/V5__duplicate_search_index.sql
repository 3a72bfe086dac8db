-- The duplicate search (DuplicateFinder: same category, open, within 50 m, recent) used
-- cases_open_by_category (category, last_reported_at). In a surge every open case is recent,
-- so that index returned every open case of the category and PostgreSQL filtered them by
-- position one by one: the search grew with the number of open cases (issue 13: PostgreSQL took
-- half the machine, 3.5 ms of CPU per report, in the report-path benchmark). Ordered by
-- latitude after the category, the index reads only the cases in a ±50 m band of latitude and
-- checks longitude and recency from the index entry itself.
create index cases_open_near on cases (category, latitude, longitude, last_reported_at)
    where status in ('REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED');
drop index cases_open_by_category;
