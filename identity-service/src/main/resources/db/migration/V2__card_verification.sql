-- Plan KPIs (karte 3 aims to double card-based logins): one row per successful card proof, when
-- and through what (LOGIN: the OpenID Connect login page Keycloak brokers to; TERMINAL: a shelter
-- terminal's verification). Nothing about the holder: not the pseudonym, not the certificate.
-- Refused proofs are not recorded (they are logged).
create table card_verification (
    id  bigint generated always as identity primary key,
    via text        not null check (via in ('LOGIN', 'TERMINAL')),
    at  timestamptz not null
);
create index card_verification_at on card_verification (at);
