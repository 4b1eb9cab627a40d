-- savings_group_villages was the one commune-owned table without province_code (docs/scaling.md §9.3, finding 1):
-- it now carries its group's province, and its foreign key to the group includes it, as every composite key that
-- partitioning or Citus co-location by province needs. The villages must also be of the group's own commune.
ALTER TABLE savings_groups ADD CONSTRAINT savings_groups_id_province_code_key UNIQUE (id, province_code);

ALTER TABLE savings_group_villages ADD COLUMN province_code text;
UPDATE savings_group_villages v SET province_code = g.province_code FROM savings_groups g WHERE g.id = v.group_id;

ALTER TABLE savings_group_villages
    ALTER COLUMN province_code SET NOT NULL,
    DROP CONSTRAINT savings_group_villages_group_id_fkey,
    ADD CONSTRAINT savings_group_villages_group_province_fkey
        FOREIGN KEY (group_id, province_code) REFERENCES savings_groups (id, province_code) ON DELETE CASCADE,
    ADD CONSTRAINT savings_group_villages_group_commune_fkey
        FOREIGN KEY (group_id, commune_code) REFERENCES savings_groups (id, commune_code) ON DELETE CASCADE;
