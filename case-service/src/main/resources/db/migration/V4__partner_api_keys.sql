-- Issue 10: Open311 api_keys issued to partner systems. Only a hash of each key is kept (the
-- plain key is shown once, when it is issued); a revoked key stays as a record with revoked_at.
create table partner_api_key (
    id           uuid primary key,
    -- hex SHA-256 of the key; keys are 256 random bits, so a fast hash is enough (see PartnerKeys)
    key_hash     text        not null unique,
    -- the partner's identity in the hub: its Keycloak client id if it also has one
    partner_id   text        not null,
    partner_name text        not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    revoked_at   timestamptz
);
create index partner_api_key_partner on partner_api_key (partner_id);
