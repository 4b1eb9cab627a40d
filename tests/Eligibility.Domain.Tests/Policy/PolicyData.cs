using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Tests.Policy;

/// <summary>
/// The figures of domain.md §4 and §6, built as the data the rules take (later they come from database rows).
/// Where domain.md gives no figure (a maximum term, a rate before the data starts) the value is null or absent.
/// </summary>
public static class PolicyData
{
    /// <summary>The earliest date the test data covers; domain.md gives no earlier figures.</summary>
    public static readonly DateOnly DataStart = new(2022, 1, 1);

    public static readonly DateOnly RateChange = new(2025, 12, 1);
    public static readonly DateOnly JobCreationChange = new(2026, 1, 1);

    /// <summary>Circular 07/2021/TT-BLĐTBXH thresholds (the usual reading, marked verify in domain.md).</summary>
    public static readonly DerivationThresholds Derivation2022 = new(
        MinFloorAreaPerPerson: 8m,
        HealthInsuranceFromAge: 6,
        ChildUnderAge: 16,
        ElderlyFromAge: 60,
        MaxDependantsShare: 0.5m,
        SchoolingFromAge: 3,
        SchoolingUnderAge: 16);

    public static readonly IReadOnlyList<Indicator> Indicators2022_2025 =
    [
        new("employment", "Việc làm", "Employment", "employment"),
        new("dependants", "Người phụ thuộc trong hộ gia đình", "Dependants in the household", "employment"),
        new("nutrition", "Dinh dưỡng", "Nutrition", "health"),
        new("health-insurance", "Bảo hiểm y tế", "Health insurance", "health"),
        new("adult-education", "Trình độ giáo dục của người lớn", "Adult education", "education"),
        new("child-schooling", "Tình trạng đi học của trẻ em", "Child schooling", "education"),
        new("housing-quality", "Chất lượng nhà ở", "Housing quality", "housing"),
        new("housing-area", "Diện tích nhà ở bình quân đầu người", "Housing area per person", "housing"),
        new("drinking-water", "Nguồn nước sinh hoạt", "Drinking water", "water-and-sanitation"),
        new("sanitation", "Nhà tiêu hợp vệ sinh", "Sanitation", "water-and-sanitation"),
        new("telecom-use", "Sử dụng dịch vụ viễn thông", "Telecom use", "information"),
        new("information-access", "Phương tiện phục vụ tiếp cận thông tin", "Information access", "information"),
    ];

    /// <summary>2027-2030 drops information-access and adds waste-treatment (domain.md §4, verify).</summary>
    public static readonly IReadOnlyList<Indicator> Indicators2027_2030 =
    [
        .. Indicators2022_2025
            .Where(i => i.Code != "information-access")
            .Select(i => i.Service == "water-and-sanitation" ? i with { Service = "water-sanitation-environment" } : i),
        new("waste-treatment", "Xử lý rác thải", "Waste treatment", "water-sanitation-environment"),
    ];

    public static readonly PovertyStandard Standard2022_2025 = new(
        "2022-2025",
        "Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP",
        new DateOnly(2022, 1, 1),
        new DateOnly(2026, 12, 31),
        [new StandardFigures(new DateOnly(2022, 1, 1), 1_500_000m, 2_000_000m, 1.5m, 3, Derivation2022, "Decree 07/2021/NĐ-CP Art. 3")],
        Indicators2022_2025);

    public static readonly PovertyStandard Standard2027_2030 = new(
        "2027-2030",
        "Decree 351/2025/NĐ-CP",
        new DateOnly(2027, 1, 1),
        new DateOnly(2030, 12, 31),
        [new StandardFigures(new DateOnly(2027, 1, 1), 2_200_000m, 2_800_000m, 1.5m, 3, Derivation2022, "Decree 351/2025/NĐ-CP")
            { MiddleLivingFactorConfirmed = false, Source = "Decree 351/2025/NĐ-CP; no source reports a middle-living band" }],
        Indicators2027_2030.Select(i => i with { Thresholds = [Threshold2027(i.Code)] }).ToList());

    /// <summary>domain.md §9: of the 2027-2030 thresholds only employment, dependants and nutrition are confirmed.</summary>
    static IndicatorThreshold Threshold2027(string code) => code is "employment" or "dependants" or "nutrition"
        ? new(new DateOnly(2027, 1, 1), true, "Decree 351/2025/NĐ-CP: kept as in the draft", "Decree 351/2025/NĐ-CP")
        : new(new DateOnly(2027, 1, 1), false, "Decree 351/2025/NĐ-CP: not reported", "Decree 351/2025/NĐ-CP");

    public static readonly IReadOnlyList<PovertyStandard> Standards = [Standard2022_2025, Standard2027_2030];

    const string RateChangeBasis = "VBSP lending-rate change effective 2025-12-01 (verify)";

    public static readonly LoanProgramme PoorHousehold = new(
        ProgrammeCodes.PoorHousehold, "Cho vay hộ nghèo", "Loans to poor households", "Decree 78/2002/NĐ-CP",
        [
            new(DataStart, 100_000_000m, AmountBasis.PerHousehold, 120, 6.6m, "Decree 78/2002/NĐ-CP"),
            new(RateChange, 100_000_000m, AmountBasis.PerHousehold, 120, 6.24m, RateChangeBasis),
        ]);

    public static readonly LoanProgramme NearPoorHousehold = new(
        ProgrammeCodes.NearPoorHousehold, "Cho vay hộ cận nghèo", "Loans to near-poor households", "Decision 15/2013/QĐ-TTg",
        [
            new(DataStart, 100_000_000m, AmountBasis.PerHousehold, null, 7.92m, "Decision 15/2013/QĐ-TTg"),
            new(RateChange, 100_000_000m, AmountBasis.PerHousehold, null, 7.488m, RateChangeBasis),
        ]);

    public static readonly LoanProgramme NewlyEscapedHousehold = new(
        ProgrammeCodes.NewlyEscapedHousehold, "Cho vay hộ mới thoát nghèo", "Loans to households that have just escaped poverty",
        "Decision 28/2015/QĐ-TTg",
        [
            new(DataStart, 100_000_000m, AmountBasis.PerHousehold, 60, 8.25m, "Decision 28/2015/QĐ-TTg") { WindowYears = 3 },
            new(RateChange, 100_000_000m, AmountBasis.PerHousehold, 60, 7.8m, RateChangeBasis) { WindowYears = 3 },
        ]);

    public static readonly DateOnly StudentCapChange = new(2022, 5, 19);

    /// <summary>Decision 157/2007 as amended by Decision 05/2022 (cap from 2022-05-19); the rate of Decision 2553/QĐ-TTg.</summary>
    public static readonly LoanProgramme Income150 = new(
        ProgrammeCodes.Income150, "Hộ có thu nhập tối đa bằng 150% chuẩn nghèo", "Households with income up to 150% of the poverty line",
        "Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg",
        [
            new(DataStart, 2_500_000m, AmountBasis.PerStudentPerMonth, null, 6.6m, "Decision 157/2007/QĐ-TTg") { IncomeCeilingFactor = 1.5m },
            new(StudentCapChange, 4_000_000m, AmountBasis.PerStudentPerMonth, null, 6.6m, "Decision 05/2022/QĐ-TTg") { IncomeCeilingFactor = 1.5m },
            new(RateChange, 4_000_000m, AmountBasis.PerStudentPerMonth, null, 6.24m, RateChangeBasis) { IncomeCeilingFactor = 1.5m },
        ]);

    public static readonly LoanProgramme JobCreation = new(
        ProgrammeCodes.JobCreation, "Cho vay hỗ trợ tạo việc làm, duy trì và mở rộng việc làm", "Loans to create, keep or expand jobs",
        "Decree 61/2015/NĐ-CP, Decree 74/2019/NĐ-CP",
        [
            // The near-poor rate; priority workers (Decree 61/2015 as amended by 74/2019) pay 50% of it.
            new(DataStart, 100_000_000m, AmountBasis.PerWorker, 120, 7.92m, "Decree 61/2015/NĐ-CP, Decree 74/2019/NĐ-CP")
                { PriorityAnnualRatePercent = 3.96m, MinimumBorrowerAge = 18, PriorityRule = PriorityRule.Decree61 },
            new(RateChange, 100_000_000m, AmountBasis.PerWorker, 120, 7.488m, RateChangeBasis)
                { PriorityAnnualRatePercent = 3.744m, MinimumBorrowerAge = 18, PriorityRule = PriorityRule.Decree61 },
            // 127% of the poor rate of 6.24%; priority workers (Law 74/2025/QH15 Art. 9) pay the poor rate.
            new(JobCreationChange, 200_000_000m, AmountBasis.PerWorker, 120, 7.9248m, "Law 74/2025/QH15 Art. 9; Decree 338/2025/NĐ-CP")
                { PriorityAnnualRatePercent = 6.24m, MinimumBorrowerAge = 18, PriorityRule = PriorityRule.Law74 },
        ]);

    public static readonly IReadOnlyList<LoanProgramme> Programmes =
        [PoorHousehold, NearPoorHousehold, NewlyEscapedHousehold, Income150, JobCreation];

    public static PovertyStandard StandardByCode(string code) => Standards.Single(s => s.Code == code);

    public static LoanProgramme ProgrammeByCode(string code) => Programmes.Single(p => p.Code == code);

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
