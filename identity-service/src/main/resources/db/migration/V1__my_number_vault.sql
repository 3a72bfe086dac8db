-- The My Number vault (docs/identity.md): per card holder's pseudonym, only an HMAC-SHA256 of
-- the number under KAMA_IDENTITY_MY_NUMBER_KEY (kept outside this database), never the digits.
-- The two unique constraints decide concurrent links: a person has one number, a number one person.
create table my_number_vault (
    person_ref     text        primary key,
    -- 64 lowercase hex digits: a 12-digit number can never be stored here by mistake
    my_number_hmac char(64)    not null unique check (my_number_hmac ~ '^[0-9a-f]{64}$'),
    linked_at      timestamptz not null
);

-- Every read and write of the vault: who (the card holder's pseudonym or a staff subject), what,
-- with which outcome, when. Never the number. Append-only: the application never updates or
-- deletes a row.
create table my_number_vault_audit (
    id      bigint generated always as identity primary key,
    actor   text        not null,
    action  text        not null,
    outcome text        not null,
    at      timestamptz not null
);

create index my_number_vault_audit_actor_at on my_number_vault_audit (actor, at);
