-- Public holidays (ngày nghỉ lễ, Tết): the procedure's periods count working days, Monday to Friday except these.
-- The government sets Tết and the bridging days year by year, so the days are entered by an admin with their legal
-- basis (POST /api/v1/admin/public-holidays), for days after today only; none are seeded. Reference data: no province.
CREATE TABLE public_holidays (
    day          date PRIMARY KEY,
    name_vi      text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
    name_en      text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    legal_basis  text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
    created_at   timestamptz NOT NULL
);
