-- Trustee associations, their Savings and Loan Groups (Tổ TK&VV), group membership, loan requests (Mẫu 01/TD) and
-- the group meetings (bình xét) that decide them. Household-owned rows carry the province code, as everywhere.

-- The four trustee associations (tổ chức chính trị - xã hội nhận ủy thác), at most one of each kind per commune.
CREATE TABLE associations (
    id            uuid PRIMARY KEY,
    province_code text NOT NULL REFERENCES provinces (code),
    commune_code  text NOT NULL REFERENCES communes (code),
    kind          text NOT NULL CHECK (kind IN ('farmers-union', 'womens-union', 'veterans-association', 'youth-union')),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at    timestamptz NOT NULL,
    UNIQUE (commune_code, kind),
    UNIQUE (id, commune_code)
);

CREATE TABLE savings_groups (
    id               uuid PRIMARY KEY,
    province_code    text NOT NULL REFERENCES provinces (code),
    commune_code     text NOT NULL,
    association_id   uuid NOT NULL,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    leader_name      text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 100),
    leader_member_id uuid REFERENCES members (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL,
    FOREIGN KEY (association_id, commune_code) REFERENCES associations (id, commune_code),
    UNIQUE (association_id, name),
    UNIQUE (id, commune_code)
);
CREATE INDEX savings_groups_association ON savings_groups (association_id, name);

-- The villages a group serves (a group may cover more than one).
CREATE TABLE savings_group_villages (
    group_id     uuid NOT NULL REFERENCES savings_groups (id) ON DELETE CASCADE,
    village_id   uuid NOT NULL,
    commune_code text NOT NULL,
    PRIMARY KEY (group_id, village_id),
    FOREIGN KEY (village_id, commune_code) REFERENCES villages (id, commune_code)
);

-- A household is a member of a group from joined_on until left_on.
CREATE TABLE group_memberships (
    group_id      uuid NOT NULL REFERENCES savings_groups (id),
    household_id  uuid NOT NULL,
    province_code text NOT NULL,
    joined_on     date NOT NULL,
    left_on       date,
    PRIMARY KEY (group_id, household_id),
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code),
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX group_memberships_household ON group_memberships (household_id);

-- A group meeting (họp bình xét) with its attendance.
CREATE TABLE group_meetings (
    id             uuid PRIMARY KEY,
    group_id       uuid NOT NULL REFERENCES savings_groups (id),
    province_code  text NOT NULL,
    commune_code   text NOT NULL,
    held_on        date NOT NULL,
    attendees      integer NOT NULL CHECK (attendees >= 0),
    members_total  integer NOT NULL CHECK (members_total >= attendees),
    chaired_by     text NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX group_meetings_group ON group_meetings (group_id, held_on);

-- A loan request (Mẫu 01/TD). status: pending (awaits the group meeting), approved or rejected by the meeting;
-- approved requests go on the commune's confirmation list, where a line is confirmed or refused; withdrawn by the
-- household. The eligibility answer at filing is kept as evidence.
CREATE TABLE loan_requests (
    id                  uuid PRIMARY KEY,
    household_id        uuid NOT NULL,
    province_code       text NOT NULL,
    commune_code        text NOT NULL REFERENCES communes (code),
    group_id            uuid NOT NULL,
    association_id      uuid NOT NULL REFERENCES associations (id),
    borrower_member_id  uuid NOT NULL REFERENCES members (id),
    borrower_name       text NOT NULL,
    programme_code      text NOT NULL REFERENCES loan_programmes (code),
    amount              numeric(16, 0) NOT NULL CHECK (amount > 0),
    purpose             text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
    term_months         integer NOT NULL CHECK (term_months > 0),
    filed_on            date NOT NULL,
    eligibility         jsonb NOT NULL,
    status              text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'confirmed', 'refused', 'withdrawn')),
    meeting_id          uuid REFERENCES group_meetings (id),
    decision_reason     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code),
    FOREIGN KEY (group_id, commune_code) REFERENCES savings_groups (id, commune_code),
    CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
);
-- One open request per household and programme.
CREATE UNIQUE INDEX loan_requests_one_open ON loan_requests (household_id, programme_code) WHERE status IN ('pending', 'approved');
-- What the next group meeting must review, and the approved requests a commune compiles into its lists.
CREATE INDEX loan_requests_group_status ON loan_requests (group_id, status, filed_on);
CREATE INDEX loan_requests_association_status ON loan_requests (association_id, status, filed_on);
CREATE INDEX loan_requests_commune_status ON loan_requests (commune_code, status, programme_code);
