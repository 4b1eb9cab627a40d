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

INSERT INTO members (id, household_id, province_code, full_name, date_of_birth, sex, relationship, personal_id, ethnicity, ethnic_minority, has_disability, has_health_insurance, schooling, receives_social_allowance) VALUES
    ('e3cb96da-5816-5058-b6d3-0118a5737c7e', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', 'Nguyễn Thị Hoà', '1978-03-14', 'female', 'head', '068178339563', 'Kinh', false, false, true, NULL, false),
    ('e4e96c21-ae21-5c7c-926b-5c2c74a130ba', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', 'Trần Văn Minh', '2005-09-02', 'male', 'child', '068205993908', 'Kinh', false, false, true, NULL, false),
    ('892c0621-2fbe-5e0f-8e6e-b01419fc9c59', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Lê Văn Đức', '1965-11-30', 'male', 'head', '068065158176', 'Kinh', false, false, true, NULL, false),
    ('ebb0f640-d865-5c3e-b595-e545bd56ed6d', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Phạm Thị Lan', '1968-01-20', 'female', 'spouse', '068168414002', 'Kinh', false, false, true, NULL, false),
    ('dfa35513-14c2-5b94-804d-a7232d765169', '42ea780d-fefc-5a32-8b42-10f3fec51fb9', '68', 'Lê Thị Ngọc Ánh', '2012-06-05', 'female', 'child', '068312682554', 'Kinh', false, false, true, 'at-right-level', false),
    ('0511cb43-774a-59be-92e7-0878c392dfc7', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Ka Điệp', '1985-07-07', 'female', 'head', '068185050631', 'K''Ho', true, false, true, NULL, false),
    ('7ba16d32-a4cf-5d6f-b101-97d65b2878a7', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Cil Ha Mút', '1983-02-11', 'male', 'spouse', '068083075954', 'K''Ho', true, false, true, NULL, false),
    ('be186a79-d2c5-5ed3-9efb-bcf69688903e', '1681fee6-1817-5f7d-a875-83c740461c06', '68', 'Cil Ha Nhin', '2015-10-10', 'male', 'child', NULL, 'K''Ho', true, false, true, 'at-right-level', false),
    ('3e986545-a85f-5dd3-9996-a80f5594f91f', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', 'Đinh Văn Thắng', '1990-12-01', 'male', 'head', '068090861168', 'Mạ', true, false, true, NULL, false),
    ('1ff4c862-a35a-52c7-aa7f-5235b407b230', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', 'Đinh Thị Hường', '1993-04-18', 'female', 'spouse', '068193561913', 'Mạ', true, false, true, NULL, false),
    ('3774659e-40d6-51b5-96c7-24dca6975ab5', '9fbc22b2-adcd-52d9-88a8-1626b66ed14a', '82', 'Võ Thị Thu Hằng', '1972-08-08', 'female', 'head', '087172098702', 'Kinh', false, false, true, NULL, false),
    ('1a3284fa-fda3-5847-b7b1-649451220107', '9fbc22b2-adcd-52d9-88a8-1626b66ed14a', '82', 'Huỳnh Văn Tâm', '1949-05-19', 'male', 'parent', '087049383452', 'Kinh', false, false, true, NULL, false),
    ('7abec152-c745-589a-8f02-86d9e5a8bd26', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Nguyễn Văn Út', '1970-01-01', 'male', 'head', '087070611097', 'Kinh', false, false, true, NULL, false),
    ('ff454b96-a084-5cd2-9110-4cbba01ebca4', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Đặng Thị Mai', '1974-09-09', 'female', 'spouse', '087174060816', 'Kinh', false, false, true, NULL, false),
    ('fe359421-7893-5b6b-b3c3-cbf1f26aed08', 'c69e5094-c44a-59b0-9e65-111ad630c8df', '82', 'Nguyễn Thị Bé', '2010-02-28', 'female', 'child', '087310953893', 'Kinh', false, false, true, 'at-right-level', false),
    ('dcbaeb0a-13d8-57b8-8cba-01e746e710ae', '58bc53b2-6e9c-57f8-971d-47dea2276289', '82', 'Trương Văn Hai', '1958-06-16', 'male', 'head', '087058532084', 'Khmer', true, false, true, NULL, false),
    ('4d970a2d-62c9-50db-adbe-c73fad96faf8', '19633cca-831b-5acb-a54a-bc386f253d80', '51', 'Phạm Văn Sơn', '1980-10-20', 'male', 'head', '051080225127', 'Kinh', false, false, true, NULL, false),
    ('8820eaf6-b754-57d3-acba-955762567db8', '19633cca-831b-5acb-a54a-bc386f253d80', '51', 'Bùi Thị Hoa', '1982-12-12', 'female', 'spouse', '051182039317', 'Kinh', false, false, true, NULL, false),
    ('7ef9e7fc-254b-5138-9d9f-aa7cfb499761', '46b5e59c-2e1b-5c88-a05b-f2a31b3ef014', '51', 'Hồ Thị Kim Chi', '1988-03-03', 'female', 'head', '051188090122', 'Kinh', false, false, true, NULL, false),
    ('df0dfc71-7c72-5c35-b4e3-f2c4684d4305', '46b5e59c-2e1b-5c88-a05b-f2a31b3ef014', '51', 'Hồ Gia Bảo', '2019-07-21', 'male', 'child', NULL, 'Kinh', false, false, true, 'at-right-level', false)
ON CONFLICT (id) DO NOTHING;

-- Recognised poverty reviews and the statuses they made official, so that the eligibility samples have answers:
-- Nguyễn Thị Hoà's household near-poor from 2026-01-01; Ka Điệp's poor from 2026-01-01; Đinh Văn Thắng's near-poor
-- from 2024-01-01, then middle-living from 2025-01-01 (escaped: newly-escaped-household through 2027-12-31).
-- Each status row is settled as recognition settles it (valid_to, within_income_150, escape_date).
INSERT INTO poverty_reviews (id, household_id, province_code, commune_code, kind, period_year, survey_date, effective_date, standard_code,
    area_type, poverty_line, middle_living_ceiling, member_count, household_income_12_months, income_per_person_monthly, floor_area,
    deprivation_count, classification, indicators, reasons, standard_reason, status, decision_number, decision_date, signer, recognised_at, created_at) VALUES
    ('345a5022-63d5-5fc1-b9ee-df1293acd377', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', '24778', 'periodic', 2025, '2025-10-15', '2026-01-01', '2022-2025', 'urban', 2000000, 3000000, 2, NULL, 1850000, NULL, 1, 'near-poor',
     '[{"code": "employment", "nameVi": "Việc làm", "nameEn": "Employment", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "dependants", "nameVi": "Người phụ thuộc trong hộ gia đình", "nameEn": "Dependants in the household", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "nutrition", "nameVi": "Dinh dưỡng", "nameEn": "Nutrition", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "health-insurance", "nameVi": "Bảo hiểm y tế", "nameEn": "Health insurance", "service": "health", "deprived": true, "source": "recorded", "reason": null}, {"code": "adult-education", "nameVi": "Trình độ giáo dục của người lớn", "nameEn": "Adult education", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "child-schooling", "nameVi": "Tình trạng đi học của trẻ em", "nameEn": "Child schooling", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-quality", "nameVi": "Chất lượng nhà ở", "nameEn": "Housing quality", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-area", "nameVi": "Diện tích nhà ở bình quân đầu người", "nameEn": "Housing area per person", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "drinking-water", "nameVi": "Nguồn nước sinh hoạt", "nameEn": "Drinking water", "service": "water-and-sanitation", "deprived": false, "source": "recorded", "reason": null}, {"code": "sanitation", "nameVi": "Nhà tiêu hợp vệ sinh", "nameEn": "Sanitation", "service": "water-and-sanitation", "deprived": false, "source": "recorded", "reason": null}, {"code": "telecom-use", "nameVi": "Sử dụng dịch vụ viễn thông", "nameEn": "Telecom use", "service": "information", "deprived": false, "source": "recorded", "reason": null}, {"code": "information-access", "nameVi": "Phương tiện phục vụ tiếp cận thông tin", "nameEn": "Information access", "service": "information", "deprived": false, "source": "recorded", "reason": null}]',
     '[{"code": "income-at-or-below-line", "messageVi": "Thu nhập bình quân 1.850.000 đồng/người/tháng không vượt chuẩn nghèo thành thị 2.000.000 đồng (2022-2025).", "messageEn": "Income of 1,850,000 VND per person per month is at or below the urban poverty line of 2,000,000 VND (2022-2025)."}, {"code": "deprivations-below-threshold", "messageVi": "Thiếu hụt 1 chỉ số dịch vụ xã hội cơ bản, dưới 3 chỉ số.", "messageEn": "1 basic-service deprivations, below the threshold of 3."}]',
     '{"code": "periodic-review", "messageVi": "Rà soát định kỳ năm 2025 có hiệu lực từ 01/01/2026 nên áp dụng chuẩn nghèo 2022-2025 (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP).", "messageEn": "The periodic review of 2025 takes effect on 2026-01-01, so it uses the 2022-2025 standard (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP)."}',
     'recognised', '125/QĐ-UBND', '2025-12-20', 'Chủ tịch UBND phường Lâm Viên - Đà Lạt', '2025-12-20T09:00:00+07:00', '2025-10-15T09:00:00+07:00'),
    ('b5e7e506-df51-5047-813e-27c6035fa55d', '1681fee6-1817-5f7d-a875-83c740461c06', '68', '24853', 'periodic', 2025, '2025-10-15', '2026-01-01', '2022-2025', 'rural', 1500000, 2250000, 3, NULL, 1100000, NULL, 4, 'poor',
     '[{"code": "employment", "nameVi": "Việc làm", "nameEn": "Employment", "service": "employment", "deprived": true, "source": "recorded", "reason": null}, {"code": "dependants", "nameVi": "Người phụ thuộc trong hộ gia đình", "nameEn": "Dependants in the household", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "nutrition", "nameVi": "Dinh dưỡng", "nameEn": "Nutrition", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "health-insurance", "nameVi": "Bảo hiểm y tế", "nameEn": "Health insurance", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "adult-education", "nameVi": "Trình độ giáo dục của người lớn", "nameEn": "Adult education", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "child-schooling", "nameVi": "Tình trạng đi học của trẻ em", "nameEn": "Child schooling", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-quality", "nameVi": "Chất lượng nhà ở", "nameEn": "Housing quality", "service": "housing", "deprived": true, "source": "recorded", "reason": null}, {"code": "housing-area", "nameVi": "Diện tích nhà ở bình quân đầu người", "nameEn": "Housing area per person", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "drinking-water", "nameVi": "Nguồn nước sinh hoạt", "nameEn": "Drinking water", "service": "water-and-sanitation", "deprived": true, "source": "recorded", "reason": null}, {"code": "sanitation", "nameVi": "Nhà tiêu hợp vệ sinh", "nameEn": "Sanitation", "service": "water-and-sanitation", "deprived": true, "source": "recorded", "reason": null}, {"code": "telecom-use", "nameVi": "Sử dụng dịch vụ viễn thông", "nameEn": "Telecom use", "service": "information", "deprived": false, "source": "recorded", "reason": null}, {"code": "information-access", "nameVi": "Phương tiện phục vụ tiếp cận thông tin", "nameEn": "Information access", "service": "information", "deprived": false, "source": "recorded", "reason": null}]',
     '[{"code": "income-at-or-below-line", "messageVi": "Thu nhập bình quân 1.100.000 đồng/người/tháng không vượt chuẩn nghèo nông thôn 1.500.000 đồng (2022-2025).", "messageEn": "Income of 1,100,000 VND per person per month is at or below the rural poverty line of 1,500,000 VND (2022-2025)."}, {"code": "deprivations-at-or-above-threshold", "messageVi": "Thiếu hụt 4 chỉ số dịch vụ xã hội cơ bản, từ 3 chỉ số trở lên.", "messageEn": "4 basic-service deprivations, at or above the threshold of 3."}]',
     '{"code": "periodic-review", "messageVi": "Rà soát định kỳ năm 2025 có hiệu lực từ 01/01/2026 nên áp dụng chuẩn nghèo 2022-2025 (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP).", "messageEn": "The periodic review of 2025 takes effect on 2026-01-01, so it uses the 2022-2025 standard (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP)."}',
     'recognised', '88/QĐ-UBND', '2025-12-22', 'Chủ tịch UBND xã Đam Rông 4', '2025-12-22T09:00:00+07:00', '2025-10-15T09:00:00+07:00'),
    ('9f489352-8e35-5898-bb60-68b2406c89c8', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', 'periodic', 2023, '2023-10-15', '2024-01-01', '2022-2025', 'rural', 1500000, 2250000, 2, NULL, 1350000, NULL, 2, 'near-poor',
     '[{"code": "employment", "nameVi": "Việc làm", "nameEn": "Employment", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "dependants", "nameVi": "Người phụ thuộc trong hộ gia đình", "nameEn": "Dependants in the household", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "nutrition", "nameVi": "Dinh dưỡng", "nameEn": "Nutrition", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "health-insurance", "nameVi": "Bảo hiểm y tế", "nameEn": "Health insurance", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "adult-education", "nameVi": "Trình độ giáo dục của người lớn", "nameEn": "Adult education", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "child-schooling", "nameVi": "Tình trạng đi học của trẻ em", "nameEn": "Child schooling", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-quality", "nameVi": "Chất lượng nhà ở", "nameEn": "Housing quality", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-area", "nameVi": "Diện tích nhà ở bình quân đầu người", "nameEn": "Housing area per person", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "drinking-water", "nameVi": "Nguồn nước sinh hoạt", "nameEn": "Drinking water", "service": "water-and-sanitation", "deprived": true, "source": "recorded", "reason": null}, {"code": "sanitation", "nameVi": "Nhà tiêu hợp vệ sinh", "nameEn": "Sanitation", "service": "water-and-sanitation", "deprived": true, "source": "recorded", "reason": null}, {"code": "telecom-use", "nameVi": "Sử dụng dịch vụ viễn thông", "nameEn": "Telecom use", "service": "information", "deprived": false, "source": "recorded", "reason": null}, {"code": "information-access", "nameVi": "Phương tiện phục vụ tiếp cận thông tin", "nameEn": "Information access", "service": "information", "deprived": false, "source": "recorded", "reason": null}]',
     '[{"code": "income-at-or-below-line", "messageVi": "Thu nhập bình quân 1.350.000 đồng/người/tháng không vượt chuẩn nghèo nông thôn 1.500.000 đồng (2022-2025).", "messageEn": "Income of 1,350,000 VND per person per month is at or below the rural poverty line of 1,500,000 VND (2022-2025)."}, {"code": "deprivations-below-threshold", "messageVi": "Thiếu hụt 2 chỉ số dịch vụ xã hội cơ bản, dưới 3 chỉ số.", "messageEn": "2 basic-service deprivations, below the threshold of 3."}]',
     '{"code": "periodic-review", "messageVi": "Rà soát định kỳ năm 2023 có hiệu lực từ 01/01/2024 nên áp dụng chuẩn nghèo 2022-2025 (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP).", "messageEn": "The periodic review of 2023 takes effect on 2024-01-01, so it uses the 2022-2025 standard (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP)."}',
     'recognised', '61/QĐ-UBND', '2023-12-21', 'Chủ tịch UBND xã Đam Rông 4', '2023-12-21T09:00:00+07:00', '2023-10-15T09:00:00+07:00'),
    ('1937dcad-07f1-573d-a3ad-916e4dd6f362', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', 'periodic', 2024, '2024-10-15', '2025-01-01', '2022-2025', 'rural', 1500000, 2250000, 2, NULL, 1900000, NULL, 1, 'middle-living',
     '[{"code": "employment", "nameVi": "Việc làm", "nameEn": "Employment", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "dependants", "nameVi": "Người phụ thuộc trong hộ gia đình", "nameEn": "Dependants in the household", "service": "employment", "deprived": false, "source": "recorded", "reason": null}, {"code": "nutrition", "nameVi": "Dinh dưỡng", "nameEn": "Nutrition", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "health-insurance", "nameVi": "Bảo hiểm y tế", "nameEn": "Health insurance", "service": "health", "deprived": false, "source": "recorded", "reason": null}, {"code": "adult-education", "nameVi": "Trình độ giáo dục của người lớn", "nameEn": "Adult education", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "child-schooling", "nameVi": "Tình trạng đi học của trẻ em", "nameEn": "Child schooling", "service": "education", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-quality", "nameVi": "Chất lượng nhà ở", "nameEn": "Housing quality", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "housing-area", "nameVi": "Diện tích nhà ở bình quân đầu người", "nameEn": "Housing area per person", "service": "housing", "deprived": false, "source": "recorded", "reason": null}, {"code": "drinking-water", "nameVi": "Nguồn nước sinh hoạt", "nameEn": "Drinking water", "service": "water-and-sanitation", "deprived": true, "source": "recorded", "reason": null}, {"code": "sanitation", "nameVi": "Nhà tiêu hợp vệ sinh", "nameEn": "Sanitation", "service": "water-and-sanitation", "deprived": false, "source": "recorded", "reason": null}, {"code": "telecom-use", "nameVi": "Sử dụng dịch vụ viễn thông", "nameEn": "Telecom use", "service": "information", "deprived": false, "source": "recorded", "reason": null}, {"code": "information-access", "nameVi": "Phương tiện phục vụ tiếp cận thông tin", "nameEn": "Information access", "service": "information", "deprived": false, "source": "recorded", "reason": null}]',
     '[{"code": "income-up-to-middle-living-ceiling", "messageVi": "Thu nhập bình quân 1.900.000 đồng/người/tháng trên chuẩn nghèo nông thôn 1.500.000 đồng và không vượt 2.250.000 đồng (1,5 lần chuẩn nghèo, 2022-2025).", "messageEn": "Income of 1,900,000 VND per person per month is above the rural poverty line of 1,500,000 VND and at most 2,250,000 VND (1.5 × the line, 2022-2025)."}]',
     '{"code": "periodic-review", "messageVi": "Rà soát định kỳ năm 2024 có hiệu lực từ 01/01/2025 nên áp dụng chuẩn nghèo 2022-2025 (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP).", "messageEn": "The periodic review of 2024 takes effect on 2025-01-01, so it uses the 2022-2025 standard (Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP)."}',
     'recognised', '74/QĐ-UBND', '2024-12-23', 'Chủ tịch UBND xã Đam Rông 4', '2024-12-23T09:00:00+07:00', '2024-10-15T09:00:00+07:00')
ON CONFLICT (id) DO NOTHING;

INSERT INTO household_statuses (review_id, household_id, province_code, commune_code, classification, standard_code, effective_date, valid_to,
    income_per_person_monthly, deprivation_count, within_income_150, escape_date, decision_number, decision_date, signer, recognised_at) VALUES
    ('345a5022-63d5-5fc1-b9ee-df1293acd377', 'f140cab0-c79a-5ac0-943c-fd06242ec002', '68', '24778', 'near-poor', '2022-2025', '2026-01-01', NULL, 1850000, 1, true, NULL, '125/QĐ-UBND', '2025-12-20', 'Chủ tịch UBND phường Lâm Viên - Đà Lạt', '2025-12-20T09:00:00+07:00'),
    ('b5e7e506-df51-5047-813e-27c6035fa55d', '1681fee6-1817-5f7d-a875-83c740461c06', '68', '24853', 'poor', '2022-2025', '2026-01-01', NULL, 1100000, 4, true, NULL, '88/QĐ-UBND', '2025-12-22', 'Chủ tịch UBND xã Đam Rông 4', '2025-12-22T09:00:00+07:00'),
    ('9f489352-8e35-5898-bb60-68b2406c89c8', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', 'near-poor', '2022-2025', '2024-01-01', '2025-01-01', 1350000, 2, true, NULL, '61/QĐ-UBND', '2023-12-21', 'Chủ tịch UBND xã Đam Rông 4', '2023-12-21T09:00:00+07:00'),
    ('1937dcad-07f1-573d-a3ad-916e4dd6f362', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', 'middle-living', '2022-2025', '2025-01-01', NULL, 1900000, 1, true, '2025-01-01', '74/QĐ-UBND', '2024-12-23', 'Chủ tịch UBND xã Đam Rông 4', '2024-12-23T09:00:00+07:00')
ON CONFLICT (review_id) DO NOTHING;

-- Associations and loans: Hội Nông dân of Xã Đam Rông 4 runs a Savings and Loan Group in Thôn Liêng Trang and Thôn Đạ
-- Nhar, of which Ka Điệp's and Đinh Văn Thắng's households are members. Its meeting of 2026-02-10 approved Đinh Văn
-- Thắng's newly-escaped-household request, so the group's list (Mẫu 03/TD) has a line. Each row is inserted only if
-- what it refers to is there, so an association of the same kind created through the API does not stop the seed.
INSERT INTO associations (id, province_code, commune_code, kind, name, created_at) VALUES
    ('6a0c1d2e-3f40-5a51-8b62-7c83d94ea5f1', '68', '24853', 'farmers-union', 'Hội Nông dân xã Đam Rông 4', '2026-01-20T08:00:00Z')
ON CONFLICT DO NOTHING;

INSERT INTO savings_groups (id, province_code, commune_code, association_id, name, leader_name, leader_member_id, created_at)
SELECT '7b1d2e3f-4051-5b62-9c73-8d94ea05b6c2', '68', '24853', a.id, 'Tổ TK&VV thôn Liêng Trang', 'Cil Ha Mút', '7ba16d32-a4cf-5d6f-b101-97d65b2878a7', '2026-01-20T08:00:00Z'
FROM associations a WHERE a.id = '6a0c1d2e-3f40-5a51-8b62-7c83d94ea5f1'
ON CONFLICT DO NOTHING;

INSERT INTO savings_group_villages (group_id, village_id, province_code, commune_code)
SELECT g.id, v.id, '68', '24853' FROM savings_groups g
CROSS JOIN (VALUES ('dfba10e0-aca2-50e2-ad35-cd9f7fec6bc8'::uuid), ('365fd7ee-87c7-5f81-98da-caf4b5dd05e7'::uuid)) AS v (id)
WHERE g.id = '7b1d2e3f-4051-5b62-9c73-8d94ea05b6c2'
ON CONFLICT DO NOTHING;

INSERT INTO group_memberships (group_id, household_id, province_code, joined_on, left_on)
SELECT g.id, h.id, '68', '2026-01-25', NULL FROM savings_groups g
CROSS JOIN (VALUES ('1681fee6-1817-5f7d-a875-83c740461c06'::uuid), ('011d49de-f1a7-5d77-bf4c-372223f9b188'::uuid)) AS h (id)
WHERE g.id = '7b1d2e3f-4051-5b62-9c73-8d94ea05b6c2'
ON CONFLICT DO NOTHING;

INSERT INTO group_meetings (id, group_id, province_code, commune_code, held_on, attendees, members_total, chaired_by, created_at)
SELECT '8c2e3f40-5162-5c73-ad84-9ea50b16c7d3', g.id, '68', '24853', '2026-02-10', 18, 22, 'Cil Ha Mút', '2026-02-10T10:00:00Z'
FROM savings_groups g WHERE g.id = '7b1d2e3f-4051-5b62-9c73-8d94ea05b6c2'
ON CONFLICT DO NOTHING;

INSERT INTO loan_requests (id, household_id, province_code, commune_code, group_id, association_id, borrower_member_id, borrower_name,
    programme_code, amount, purpose, term_months, filed_on, eligibility, status, meeting_id, decision_reason, created_at, updated_at)
SELECT '9d3f4051-6273-5d84-be95-af0b1c27d8e4', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', m.group_id, '6a0c1d2e-3f40-5a51-8b62-7c83d94ea5f1',
    '3e986545-a85f-5dd3-9996-a80f5594f91f', 'Đinh Văn Thắng', 'newly-escaped-household', 60000000, 'Trồng cà phê xen sầu riêng', 36, '2026-02-01',
    '{"asOf": "2026-02-01", "programme": "newly-escaped-household", "eligible": true, "classification": "middle-living", "statusEffectiveDate": "2025-01-01", "reasons": [{"code": "within-escape-window", "messageVi": "Thoát nghèo/cận nghèo từ 01/01/2025, trong vòng 3 năm.", "messageEn": "Escaped poverty or near-poverty on 2025-01-01, within 3 years."}], "maxAmount": 100000000, "amountBasis": "per-household", "maxTermMonths": 60, "annualRatePercent": 7.8}',
    'approved', m.id, NULL, '2026-02-01T08:00:00Z', '2026-02-10T10:00:00Z'
FROM group_meetings m WHERE m.id = '8c2e3f40-5162-5c73-ad84-9ea50b16c7d3'
ON CONFLICT DO NOTHING;

-- Xã Đam Rông 4's Women's Union, its Savings and Loan Group (Thôn Liêng Trang and Thôn Đạ Nhar), the two members' group
-- meeting, and the requests it approved (what the loans endpoints will create): they feed the confirmation-list samples.
-- Ka Điệp (poor) asks for job-creation; Đinh Văn Thắng (escaped 2025-01-01) for newly-escaped-household.
INSERT INTO associations (id, province_code, commune_code, kind, name, created_at) VALUES
    ('6d1f3a52-0c55-5c43-9b1e-2f4f5b0e7a01', '68', '24853', 'womens-union', 'Hội Liên hiệp Phụ nữ xã Đam Rông 4', '2026-01-15T08:00:00Z')
ON CONFLICT DO NOTHING;

INSERT INTO savings_groups (id, province_code, commune_code, association_id, name, leader_name, leader_member_id, created_at) VALUES
    ('7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', '68', '24853', '6d1f3a52-0c55-5c43-9b1e-2f4f5b0e7a01', 'Tổ TK&VV Liêng Trang', 'Ka Điệp',
     '0511cb43-774a-59be-92e7-0878c392dfc7', '2026-01-15T08:00:00Z')
ON CONFLICT DO NOTHING;

INSERT INTO savings_group_villages (group_id, village_id, province_code, commune_code) VALUES
    ('7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', 'dfba10e0-aca2-50e2-ad35-cd9f7fec6bc8', '68', '24853'),
    ('7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', '365fd7ee-87c7-5f81-98da-caf4b5dd05e7', '68', '24853')
ON CONFLICT DO NOTHING;

INSERT INTO group_memberships (group_id, household_id, province_code, joined_on) VALUES
    ('7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', '1681fee6-1817-5f7d-a875-83c740461c06', '68', '2026-01-20'),
    ('7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '2026-01-20')
ON CONFLICT DO NOTHING;

INSERT INTO group_meetings (id, group_id, province_code, commune_code, held_on, attendees, members_total, chaired_by, created_at) VALUES
    ('8b3f5c74-2e77-5e65-9d3a-4b6b7d2a9c03', '7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02', '68', '24853', '2026-10-10', 2, 2, 'Ka Điệp', '2026-10-10T09:00:00+07:00')
ON CONFLICT DO NOTHING;

INSERT INTO loan_requests (id, household_id, province_code, commune_code, group_id, association_id, borrower_member_id, borrower_name,
    programme_code, amount, purpose, term_months, filed_on, eligibility, status, meeting_id, decision_reason, created_at, updated_at) VALUES
    ('9c4a6d85-3f88-5f76-8e4b-5c7c8e3b0d04', '1681fee6-1817-5f7d-a875-83c740461c06', '68', '24853', '7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02',
     '6d1f3a52-0c55-5c43-9b1e-2f4f5b0e7a01', '0511cb43-774a-59be-92e7-0878c392dfc7', 'Ka Điệp', 'job-creation', 50000000,
     'Trồng cà phê xen sầu riêng', 60, '2026-10-01', '{"eligible": true}', 'approved', '8b3f5c74-2e77-5e65-9d3a-4b6b7d2a9c03', NULL,
     '2026-10-01T09:00:00+07:00', '2026-10-10T09:00:00+07:00'),
    ('ad5b7e96-4a99-5a87-9f5c-6d8d9f4c1e05', '011d49de-f1a7-5d77-bf4c-372223f9b188', '68', '24853', '7a2e4b63-1d66-5d54-8c2f-3a5a6c1f8b02',
     '6d1f3a52-0c55-5c43-9b1e-2f4f5b0e7a01', '3e986545-a85f-5dd3-9996-a80f5594f91f', 'Đinh Văn Thắng', 'newly-escaped-household', 40000000,
     'Mua bò giống', 36, '2026-10-02', '{"eligible": true}', 'approved', '8b3f5c74-2e77-5e65-9d3a-4b6b7d2a9c03', NULL,
     '2026-10-02T09:00:00+07:00', '2026-10-10T09:00:00+07:00')
ON CONFLICT DO NOTHING;
