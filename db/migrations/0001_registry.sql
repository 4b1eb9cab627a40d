-- The household registry: administrative units, villages, households and members.
-- Every table that holds household data carries province_code: the key it will be partitioned and distributed on.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- unaccent() is only STABLE (it reads a dictionary that could change), so it cannot be used in an index or a
-- generated column. Naming the dictionary explicitly makes the result fixed, which is what IMMUTABLE promises.
-- lower() after unaccent() leaves only ASCII letters in Vietnamese names, so it is locale-independent.
CREATE FUNCTION search_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, value));

CREATE TABLE provinces (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
);

CREATE TABLE communes (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
    province_code text NOT NULL REFERENCES provinces (code),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind          text NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac-khu')),
    area_type     text NOT NULL CHECK (area_type IN ('rural', 'urban'))
);
CREATE INDEX communes_province_name ON communes (province_code, name, code);

CREATE TABLE villages (
    id            uuid PRIMARY KEY,
    province_code text NOT NULL REFERENCES provinces (code),
    commune_code  text NOT NULL REFERENCES communes (code),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    UNIQUE (id, commune_code)
);
CREATE UNIQUE INDEX villages_commune_name ON villages (commune_code, search_key(name));

CREATE TABLE households (
    id            uuid PRIMARY KEY,
    province_code text NOT NULL REFERENCES provinces (code),
    commune_code  text NOT NULL REFERENCES communes (code),
    village_id    uuid NOT NULL,
    address       text NOT NULL CHECK (length(address) <= 200),
    head_name     text NOT NULL,
    member_names  text NOT NULL,
    search_names  text NOT NULL GENERATED ALWAYS AS (search_key(member_names)) STORED,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    -- The village must be one of the household's commune's villages.
    FOREIGN KEY (village_id, commune_code) REFERENCES villages (id, commune_code),
    UNIQUE (id, province_code)
);
-- Lists of a commune or a village in their stable order (head's name, then id).
CREATE INDEX households_commune_order ON households (commune_code, head_name, id);
CREATE INDEX households_village_order ON households (village_id, head_name, id);
-- Name search within a commune: "nguyen thi hoa" finds "Nguyễn Thị Hoà".
CREATE INDEX households_commune_search ON households USING gin (commune_code, search_names gin_trgm_ops);

CREATE TABLE members (
    id                        uuid PRIMARY KEY,
    household_id              uuid NOT NULL,
    province_code             text NOT NULL,
    full_name                 text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    date_of_birth             date NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
    sex                       text NOT NULL CHECK (sex IN ('male', 'female')),
    relationship              text NOT NULL,
    personal_id               text CHECK (personal_id ~ '^[0-9]{12}$'),
    ethnicity                 text,
    ethnic_minority           boolean NOT NULL,
    has_disability            boolean NOT NULL,
    has_health_insurance      boolean,
    attends_school            boolean,
    receives_social_allowance boolean NOT NULL,
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code) ON DELETE CASCADE,
    -- Exactly one head per household is a rule of the domain; the database keeps at most one. Deferred to commit,
    -- so that handing headship from one member to another in one transaction is not refused halfway.
    EXCLUDE (household_id WITH =) WHERE (relationship = 'head') DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX members_household ON members (household_id);
-- A number belongs to one living person: it cannot be in two households at once.
CREATE UNIQUE INDEX members_personal_id ON members (personal_id) WHERE personal_id IS NOT NULL;
