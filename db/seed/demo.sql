-- Demo data for Development: real communes of Lâm Đồng, Đồng Tháp and Quảng Ngãi, with villages and households.
-- Idempotent: loading it again changes nothing. Generated once; ID numbers are made up but well-formed.

INSERT INTO provinces (code, name) VALUES
    ('68', 'Tỉnh Lâm Đồng'),
    ('82', 'Tỉnh Đồng Tháp'),
    ('51', 'Tỉnh Quảng Ngãi')
ON CONFLICT (code) DO NOTHING;

INSERT INTO communes (code, province_code, name, kind, area_type) VALUES
    ('24778', '68', 'Phường Lâm Viên - Đà Lạt', 'phuong', 'urban'),
    ('24853', '68', 'Xã Đam Rông 4', 'xa', 'rural'),
    ('28261', '82', 'Phường Mỹ Tho', 'phuong', 'urban'),
    ('28321', '82', 'Xã Tân Phước 1', 'xa', 'rural'),
    ('21548', '51', 'Đặc khu Lý Sơn', 'dac-khu', 'rural'),
    ('21034', '51', 'Xã An Phú', 'xa', 'rural')
ON CONFLICT (code) DO NOTHING;

INSERT INTO villages (id, province_code, commune_code, name) VALUES
    ('f6548870-6ecc-5561-a2f6-4da0ca2e19f5', '68', '24778', 'Tổ dân phố 1'),
    ('99a4d6a5-eae3-5139-a08e-41a67423e137', '68', '24778', 'Tổ dân phố 2'),
    ('dfba10e0-aca2-50e2-ad35-cd9f7fec6bc8', '68', '24853', 'Thôn Liêng Trang'),
    ('365fd7ee-87c7-5f81-98da-caf4b5dd05e7', '68', '24853', 'Thôn Đạ Nhar'),
    ('192eeda6-073b-5928-a771-9930731d608e', '82', '28261', 'Khu phố 3'),
    ('085a55cd-bdf3-5ff3-a656-420eea013217', '82', '28261', 'Khu phố 5'),
    ('342e812f-8d43-58c8-bff9-700e4bc0ff2c', '82', '28321', 'Ấp Tân Hòa'),
    ('63d179c6-6a3a-59f9-96a3-fb34ddba86d8', '82', '28321', 'Ấp Phú Mỹ'),
    ('b5420114-1b43-5953-8c60-c2e5eed1022f', '51', '21548', 'Thôn Đông'),
    ('71259e97-bc87-5f32-a7ca-7017dcf16676', '51', '21548', 'Thôn Tây'),
    ('1c4aa5b4-b21e-52b1-948e-07dd8b5c5e6e', '51', '21034', 'Thôn An Điềm'),
    ('bc41c3c5-9b22-57bb-8ba4-2fb7d17e2b62', '51', '21034', 'Thôn Phú Lộc')
ON CONFLICT (id) DO NOTHING;

INSERT INTO households (id, province_code, commune_code, village_id, address, head_name, member_names, created_at, updated_at) VALUES
    ('f140cab0-c79a-5ac0-943c-fd06242ec002', '68', '24778', 'f6548870-6ecc-5561-a2f6-4da0ca2e19f5', 'Số 10, Tổ dân phố 1', 'Nguyễn Thị Hoà', 'Nguyễn Thị Hoà | Trần Văn Minh', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', '24778', '99a4d6a5-eae3-5139-a08e-41a67423e137', 'Số 17, Tổ dân phố 2', 'Lê Văn Đức', 'Lê Văn Đức | Phạm Thị Lan | Lê Thị Ngọc Ánh', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('1681fee6-1817-5f7d-a875-83c740461c06', '68', '24853', 'dfba10e0-aca2-50e2-ad35-cd9f7fec6bc8', 'Số 10, Thôn Liêng Trang', 'Ka Điệp', 'Ka Điệp | Cil Ha Mút | Cil Ha Nhin', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', '365fd7ee-87c7-5f81-98da-caf4b5dd05e7', 'Số 17, Thôn Đạ Nhar', 'Đinh Văn Thắng', 'Đinh Văn Thắng | Đinh Thị Hường', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('9fbc22b2-adcd-52d9-88a8-1626b66ed14a', '82', '28261', '192eeda6-073b-5928-a771-9930731d608e', 'Số 10, Khu phố 3', 'Võ Thị Thu Hằng', 'Võ Thị Thu Hằng | Huỳnh Văn Tâm', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('c69e5094-c44a-59b0-9e65-111ad630c8df', '82', '28321', '342e812f-8d43-58c8-bff9-700e4bc0ff2c', 'Số 10, Ấp Tân Hòa', 'Nguyễn Văn Út', 'Nguyễn Văn Út | Đặng Thị Mai | Nguyễn Thị Bé', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('58bc53b2-6e9c-57f8-971d-47dea2276289', '82', '28321', '63d179c6-6a3a-59f9-96a3-fb34ddba86d8', 'Số 17, Ấp Phú Mỹ', 'Trương Văn Hai', 'Trương Văn Hai', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('19633cca-831b-5acb-a54a-bc386f253d80', '51', '21548', 'b5420114-1b43-5953-8c60-c2e5eed1022f', 'Số 10, Thôn Đông', 'Phạm Văn Sơn', 'Phạm Văn Sơn | Bùi Thị Hoa', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z'),
    ('46b5e59c-2e1b-5c88-a05b-f2a31b3ef014', '51', '21034', '1c4aa5b4-b21e-52b1-948e-07dd8b5c5e6e', 'Số 10, Thôn An Điềm', 'Hồ Thị Kim Chi', 'Hồ Thị Kim Chi | Hồ Gia Bảo', '2026-01-15T08:00:00Z', '2026-01-15T08:00:00Z')
ON CONFLICT (id) DO NOTHING;

INSERT INTO members (id, household_id, province_code, full_name, date_of_birth, sex, relationship, personal_id, ethnicity, ethnic_minority, has_disability, has_health_insurance, attends_school, receives_social_allowance) VALUES
    ('e3cb96da-5816-5058-b6d3-0118a5737c7e', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', 'Nguyễn Thị Hoà', '1978-03-14', 'female', 'head', '068178339563', 'Kinh', false, false, true, NULL, false),
    ('e4e96c21-ae21-5c7c-926b-5c2c74a130ba', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', 'Trần Văn Minh', '2005-09-02', 'male', 'child', '068205993908', 'Kinh', false, false, true, NULL, false),
    ('892c0621-2fbe-5e0f-8e6e-b01419fc9c59', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Lê Văn Đức', '1965-11-30', 'male', 'head', '068065158176', 'Kinh', false, false, true, NULL, false),
    ('ebb0f640-d865-5c3e-b595-e545bd56ed6d', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Phạm Thị Lan', '1968-01-20', 'female', 'spouse', '068168414002', 'Kinh', false, false, true, NULL, false),
    ('dfa35513-14c2-5b94-804d-a7232d765169', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Lê Thị Ngọc Ánh', '2012-06-05', 'female', 'child', '068312682554', 'Kinh', false, false, true, true, false),
    ('0511cb43-774a-59be-92e7-0878c392dfc7', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Ka Điệp', '1985-07-07', 'female', 'head', '068185050631', 'K''Ho', true, false, true, NULL, false),
    ('7ba16d32-a4cf-5d6f-b101-97d65b2878a7', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Cil Ha Mút', '1983-02-11', 'male', 'spouse', '068083075954', 'K''Ho', true, false, true, NULL, false),
    ('be186a79-d2c5-5ed3-9efb-bcf69688903e', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Cil Ha Nhin', '2015-10-10', 'male', 'child', NULL, 'K''Ho', true, false, true, true, false),
    ('3e986545-a85f-5dd3-9996-a80f5594f91f', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', 'Đinh Văn Thắng', '1990-12-01', 'male', 'head', '068090861168', 'Mạ', true, false, true, NULL, false),
    ('1ff4c862-a35a-52c7-aa7f-5235b407b230', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', 'Đinh Thị Hường', '1993-04-18', 'female', 'spouse', '068193561913', 'Mạ', true, false, true, NULL, false),
    ('3774659e-40d6-51b5-96c7-24dca6975ab5', '9fbc22b2-adcd-52d9-88a8-1626b66ed14a', '82', 'Võ Thị Thu Hằng', '1972-08-08', 'female', 'head', '087172098702', 'Kinh', false, false, true, NULL, false),
    ('1a3284fa-fda3-5847-b7b1-649451220107', '9fbc22b2-adcd-52d9-88a8-1626b66ed14a', '82', 'Huỳnh Văn Tâm', '1949-05-19', 'male', 'parent', '087049383452', 'Kinh', false, false, true, NULL, false),
    ('7abec152-c745-589a-8f02-86d9e5a8bd26', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Nguyễn Văn Út', '1970-01-01', 'male', 'head', '087070611097', 'Kinh', false, false, true, NULL, false),
    ('ff454b96-a084-5cd2-9110-4cbba01ebca4', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Đặng Thị Mai', '1974-09-09', 'female', 'spouse', '087174060816', 'Kinh', false, false, true, NULL, false),
    ('fe359421-7893-5b6b-b3c3-cbf1f26aed08', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Nguyễn Thị Bé', '2010-02-28', 'female', 'child', '087310953893', 'Kinh', false, false, true, true, false),
    ('dcbaeb0a-13d8-57b8-8cba-01e746e710ae', '58bc53b2-6e9c-57f8-971d-47dea2276289', '82', 'Trương Văn Hai', '1958-06-16', 'male', 'head', '087058532084', 'Khmer', true, false, true, NULL, false),
    ('4d970a2d-62c9-50db-adbe-c73fad96faf8', '19633cca-831b-5acb-a54a-bc386f253d80', '51', 'Phạm Văn Sơn', '1980-10-20', 'male', 'head', '051080225127', 'Kinh', false, false, true, NULL, false),
    ('8820eaf6-b754-57d3-acba-955762567db8', '19633cca-831b-5acb-a54a-bc386f253d80', '51', 'Bùi Thị Hoa', '1982-12-12', 'female', 'spouse', '051182039317', 'Kinh', false, false, true, NULL, false),
    ('7ef9e7fc-254b-5138-9d9f-aa7cfb499761', '46b5e59c-2e1b-5c88-a05b-f2a31b3ef014', '51', 'Hồ Thị Kim Chi', '1988-03-03', 'female', 'head', '051188090122', 'Kinh', false, false, true, NULL, false),
    ('df0dfc71-7c72-5c35-b4e3-f2c4684d4305', '46b5e59c-2e1b-5c88-a05b-f2a31b3ef014', '51', 'Hồ Gia Bảo', '2019-07-21', 'male', 'child', NULL, 'Kinh', false, false, true, true, false)
ON CONFLICT (id) DO NOTHING;
