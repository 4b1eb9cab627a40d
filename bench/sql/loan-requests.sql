-- For the XLSX export benchmark: in commune :'commune', a women's union with one Savings and Loan Group whose
-- meeting approved :lines job-creation requests (one per household, the head borrowing), as the loans endpoints
-- leave them; POST /api/v1/communes/{code}/confirmation-lists then compiles them into a list of :lines lines.
\set ON_ERROR_STOP on
-- Again from scratch on a re-run (--reuse): the draft lists and the bench's own rows of this commune.
DELETE FROM confirmation_lines WHERE list_id IN (SELECT id FROM confirmation_lists WHERE commune_code = :'commune' AND status = 'draft');
DELETE FROM confirmation_lists WHERE commune_code = :'commune' AND status = 'draft';
DELETE FROM loan_requests WHERE group_id = md5('bench-group' || :'commune')::uuid;
DELETE FROM group_meetings WHERE id = md5('bench-meeting' || :'commune')::uuid;
DELETE FROM savings_groups WHERE id = md5('bench-group' || :'commune')::uuid;
DELETE FROM associations WHERE id = md5('bench-assoc' || :'commune')::uuid;
INSERT INTO associations (id, province_code, commune_code, kind, name, created_at)
SELECT md5('bench-assoc' || :'commune')::uuid, c.province_code, c.code, 'womens-union', 'Hội LHPN ' || c.name, now() FROM communes c WHERE c.code = :'commune';
INSERT INTO savings_groups (id, province_code, commune_code, association_id, name, leader_name, leader_member_id, created_at)
SELECT md5('bench-group' || :'commune')::uuid, c.province_code, c.code, md5('bench-assoc' || :'commune')::uuid, 'Tổ TK&VV bench', 'Nguyễn Thị Lan', NULL, now()
FROM communes c WHERE c.code = :'commune';
INSERT INTO group_meetings (id, group_id, province_code, commune_code, held_on, attendees, members_total, chaired_by, created_at)
SELECT md5('bench-meeting' || :'commune')::uuid, md5('bench-group' || :'commune')::uuid, c.province_code, c.code, date '2026-10-10', 40, 50, 'Nguyễn Thị Lan', now()
FROM communes c WHERE c.code = :'commune';
INSERT INTO loan_requests (id, household_id, province_code, commune_code, group_id, association_id, borrower_member_id, borrower_name,
    programme_code, amount, purpose, term_months, filed_on, eligibility, status, meeting_id, decision_reason, created_at, updated_at)
SELECT md5('bench-request' || h.id)::uuid, h.id, h.province_code, h.commune_code, md5('bench-group' || :'commune')::uuid,
       md5('bench-assoc' || :'commune')::uuid, m.id, m.full_name, 'job-creation', 50000000, 'Mở rộng sản xuất, chăn nuôi', 36,
       date '2026-10-01', '{"eligible": true}', 'approved', md5('bench-meeting' || :'commune')::uuid, NULL, now(), now()
FROM (SELECT * FROM households WHERE commune_code = :'commune' ORDER BY id LIMIT :lines) h
JOIN members m ON m.household_id = h.id AND m.relationship = 'head';
