-- What disaster-service knows of cases: enough to flag shelters near a hazard (no personal data).
create table case_signal (
    case_id     uuid primary key,
    category    text             not null,
    latitude    double precision not null,
    longitude   double precision not null,
    reported_at timestamptz      not null,
    received_at timestamptz      not null default now()
);
