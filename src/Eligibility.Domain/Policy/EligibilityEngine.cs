using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Domain.Units;

namespace Eligibility.Domain.Policy;

/// <summary>A recognised status of a household (from a commune chairman's decision), official from its effective date.</summary>
/// <param name="StandardCode">The standard it was classified under; income-150 needs it.</param>
/// <param name="IncomePerPersonMonthly">The review's income per person per month; income-150 needs it.</param>
public sealed record RecognisedStatus(
    Classification Classification,
    DateOnly EffectiveDate,
    string? StandardCode = null,
    decimal? IncomePerPersonMonthly = null,
    int? DeprivationCount = null);

public sealed record MemberProfile(DateOnly DateOfBirth, Sex Sex, bool EthnicMinority, bool HasDisability);

/// <param name="StatusHistory">Every recognised status, in recognition order; statuses effective after the as-of date are ignored.</param>
public sealed record EligibilityQuery(
    DateOnly AsOf,
    AreaType AreaType,
    bool EspeciallyDifficultArea,
    IReadOnlyList<RecognisedStatus> StatusHistory,
    IReadOnlyList<MemberProfile> Members);

/// <summary>job-creation's answer for <c>members[Index]</c>; the rate is set only for an eligible member.</summary>
public sealed record MemberEligibility(int Index, bool Eligible, bool Priority, decimal? AnnualRatePercent, IReadOnlyList<Reason> Reasons);

/// <param name="Terms">The terms in force on the as-of date, or null when the programme has none then.</param>
/// <param name="ValidUntil">The last day the answer holds when the rule itself ends it (newly-escaped's window).</param>
/// <param name="Members">Per-member answers, for job-creation only.</param>
public sealed record ProgrammeEligibility(
    string Code,
    string NameVi,
    string NameEn,
    string LegalBasis,
    bool Eligible,
    IReadOnlyList<Reason> Reasons,
    ProgrammeTerms? Terms,
    DateOnly? ValidUntil,
    IReadOnlyList<MemberEligibility>? Members);

public sealed record EligibilityAnswer(DateOnly AsOf, RecognisedStatus? StatusInForce, IReadOnlyList<ProgrammeEligibility> Programmes);

/// <summary>Which loan programmes a household qualifies for on a date, why, and on what terms (domain.md §6).</summary>
public static class EligibilityEngine
{
    public static EligibilityAnswer Evaluate(EligibilityQuery query, IReadOnlyList<PovertyStandard> standards, IReadOnlyList<LoanProgramme> programmes)
    {
        // OrderBy is stable: of two statuses effective the same day, the one recognised later wins.
        var statuses = query.StatusHistory.Where(s => s.EffectiveDate <= query.AsOf).OrderBy(s => s.EffectiveDate).ToList();
        var context = new Context(query, statuses, standards);
        var answers = programmes.Select(p => Evaluate(p, context)).ToList();
        return new EligibilityAnswer(query.AsOf, context.Current, answers);
    }

    sealed record Context(EligibilityQuery Query, IReadOnlyList<RecognisedStatus> Statuses, IReadOnlyList<PovertyStandard> Standards)
    {
        public RecognisedStatus? Current => Statuses.Count > 0 ? Statuses[^1] : null;
        public DateOnly AsOf => Query.AsOf;
    }

    static ProgrammeEligibility Evaluate(LoanProgramme programme, Context context)
    {
        var terms = programme.TermsOn(context.AsOf);
        if (terms is null)
            return Answer(programme, null, false, [new Reason("no-terms-in-force",
                () => $"Chương trình không có điều kiện vay có hiệu lực vào ngày {Text.Vi(context.AsOf)}.",
                () => $"The programme has no terms in force on {Text.En(context.AsOf)}.")]);

        return programme.Code switch
        {
            ProgrammeCodes.PoorHousehold => StatusIs(Classification.Poor, programme, terms, context),
            ProgrammeCodes.NearPoorHousehold => StatusIs(Classification.NearPoor, programme, terms, context),
            ProgrammeCodes.NewlyEscapedHousehold => NewlyEscaped(programme, terms, context),
            ProgrammeCodes.Income150 => Income150(programme, terms, context),
            ProgrammeCodes.JobCreation => JobCreation(programme, terms, context),
            _ => Answer(programme, terms, false, [new Reason("no-rule",
                () => $"Chưa có quy tắc xét điều kiện cho chương trình {programme.Code}.",
                () => $"There is no eligibility rule for programme {programme.Code}.")]),
        };
    }

    /// <summary>poor-household (Decree 78/2002/NĐ-CP) and near-poor-household (Decision 15/2013/QĐ-TTg).</summary>
    static ProgrammeEligibility StatusIs(Classification required, LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (context.Current is not { } current)
            return Answer(programme, terms, false, [NoStatus(context.AsOf)]);
        bool eligible = current.Classification == required;
        return Answer(programme, terms, eligible, [StatusReason(current, context.AsOf, required)]);
    }

    /// <summary>
    /// Decision 28/2015/QĐ-TTg: a household recognised above near-poor after being poor or near-poor qualifies for
    /// a window of years from that recognition. The escape is the first status above near-poor after the last
    /// poor or near-poor one, so a later fall back and second escape starts a new window.
    /// </summary>
    static ProgrammeEligibility NewlyEscaped(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (context.Current is not { } current)
            return Answer(programme, terms, false, [NoStatus(context.AsOf)]);
        if (current.Classification is Classification.Poor or Classification.NearPoor)
            return Answer(programme, terms, false, [StatusReason(current, context.AsOf, null), new Reason("not-escaped",
                () => $"Hộ vẫn là {current.Classification.NameVi()}, chưa thoát nghèo hay thoát cận nghèo.",
                () => $"The household is still {current.Classification.NameEn()}; it has not escaped.")]);
        if (terms.WindowYears is not { } windowYears)
            return Incomplete(programme, terms, "windowYears");

        int lastPoorOrNearPoor = LastIndexOf(context.Statuses, s => s.Classification is Classification.Poor or Classification.NearPoor);
        if (lastPoorOrNearPoor < 0)
            return Answer(programme, terms, false, [StatusReason(current, context.AsOf, null), new Reason("never-poor-or-near-poor",
                "Hộ chưa từng được công nhận là hộ nghèo hay hộ cận nghèo.",
                "The household was never recognised as poor or near-poor.")]);

        // The current status is above near-poor, so a status follows the last poor/near-poor one.
        var escape = context.Statuses[lastPoorOrNearPoor + 1];
        var windowEnd = escape.EffectiveDate.AddYears(windowYears);
        var lastDay = windowEnd.AddDays(-1);
        var escapedFrom = context.Statuses[lastPoorOrNearPoor].Classification;
        bool eligible = context.AsOf < windowEnd;
        var reason = eligible
            ? new Reason("within-escape-window",
                () => $"Hộ thoát khỏi diện {escapedFrom.NameVi()} từ {Text.Vi(escape.EffectiveDate)}; được vay trong {windowYears} năm, đến hết {Text.Vi(lastDay)}.",
                () => $"The household left {escapedFrom.NameEn()} status on {Text.En(escape.EffectiveDate)}; it qualifies for {windowYears} years, through {Text.En(lastDay)}.")
            : new Reason("escape-window-ended",
                () => $"Hộ thoát khỏi diện {escapedFrom.NameVi()} từ {Text.Vi(escape.EffectiveDate)}; thời hạn {windowYears} năm đã hết ngày {Text.Vi(lastDay)}.",
                () => $"The household left {escapedFrom.NameEn()} status on {Text.En(escape.EffectiveDate)}; the {windowYears}-year window ended on {Text.En(lastDay)}.");
        return Answer(programme, terms, eligible, [StatusReason(current, context.AsOf, null), reason], eligible ? lastDay : null);
    }

    /// <summary>
    /// Decision 157/2007/QĐ-TTg: income per person at most 150% of the poverty line. The status's standard's
    /// middle-living factor is that same bound (Decree 07/2021 Art. 3), so it is read from there rather than repeated.
    /// </summary>
    static ProgrammeEligibility Income150(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (context.Current is not { } current)
            return Answer(programme, terms, false, [NoStatus(context.AsOf)]);
        if (current.IncomePerPersonMonthly is not { } income)
            return Answer(programme, terms, false, [new Reason("income-unknown",
                () => $"Kết quả rà soát có hiệu lực từ {Text.Vi(current.EffectiveDate)} không ghi thu nhập bình quân.",
                () => $"The status in force since {Text.En(current.EffectiveDate)} has no recorded income per person.")]);
        var standard = context.Standards.FirstOrDefault(s => s.Code == current.StandardCode);
        var figures = standard?.FiguresOn(current.EffectiveDate);
        if (standard is null || figures is null)
            return Answer(programme, terms, false, [new Reason("standard-unknown",
                () => $"Không tìm thấy số liệu chuẩn nghèo '{current.StandardCode}' của kết quả rà soát.",
                () => $"The figures of the status's standard '{current.StandardCode}' were not found.")]);

        var area = context.Query.AreaType;
        decimal line = figures.LineFor(area);
        decimal ceiling = figures.MiddleLivingCeilingFor(area);
        bool eligible = income <= ceiling;
        return Answer(programme, terms, eligible, [new Reason(eligible ? "income-within-limit" : "income-above-limit",
            () => $"Thu nhập bình quân {Text.Vi(income)} đồng/người/tháng {(eligible ? "không vượt" : "vượt")} {Text.Vi(ceiling)} đồng ({Text.Vi(figures.MiddleLivingFactor)} lần chuẩn nghèo {Text.AreaVi(Arg.Of(area))} {Text.Vi(line)} đồng, {standard.Code}).",
            () => $"Income of {Text.En(income)} VND per person per month is {(eligible ? "at most" : "above")} {Text.En(ceiling)} VND ({Text.En(figures.MiddleLivingFactor)} × the {standard.Code} {Text.AreaEn(Arg.Of(area))} line of {Text.En(line)} VND).")]);
    }

    /// <summary>
    /// Decree 61/2015/NĐ-CP, 74/2019/NĐ-CP, 338/2025/NĐ-CP: any household; each worker of full age may borrow, at the
    /// poor-household rate for priority workers (disability; ethnic minority in a poor household; poor household in
    /// an especially difficult commune).
    /// </summary>
    static ProgrammeEligibility JobCreation(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (terms.MinimumBorrowerAge is not { } minimumAge)
            return Incomplete(programme, terms, "minimumBorrowerAge");
        if (terms.PriorityAnnualRatePercent is not { } priorityRate)
            return Incomplete(programme, terms, "priorityAnnualRatePercent");

        bool poor = context.Current?.Classification == Classification.Poor;
        var members = new List<MemberEligibility>();
        for (int i = 0; i < context.Query.Members.Count; i++)
        {
            var member = context.Query.Members[i];
            int age = Ages.On(member.DateOfBirth, context.AsOf);
            if (age < minimumAge)
            {
                members.Add(new MemberEligibility(i, false, false, null, [new Reason("under-age",
                    () => $"Thành viên {age} tuổi, chưa đủ {minimumAge} tuổi.",
                    () => $"The member is {age}, under {minimumAge}.")]));
                continue;
            }

            var reasons = new List<Reason> { new("of-age", () => $"Thành viên {age} tuổi, từ {minimumAge} tuổi trở lên.", () => $"The member is {age}, at least {minimumAge}.") };
            if (member.HasDisability)
                reasons.Add(new Reason("priority-disability", "Ưu tiên: người khuyết tật.", "Priority: a person with a disability."));
            if (member.EthnicMinority && poor)
                reasons.Add(new Reason("priority-ethnic-minority-poor-household",
                    "Ưu tiên: người dân tộc thiểu số thuộc hộ nghèo.", "Priority: an ethnic-minority member of a poor household."));
            if (context.Query.EspeciallyDifficultArea && poor)
                reasons.Add(new Reason("priority-poor-household-difficult-area",
                    "Ưu tiên: thành viên hộ nghèo ở xã đặc biệt khó khăn.", "Priority: a member of a poor household in an especially difficult commune."));
            bool priority = reasons.Count > 1;
            members.Add(new MemberEligibility(i, true, priority, priority ? priorityRate : terms.AnnualRatePercent, reasons));
        }

        int eligibleCount = members.Count(m => m.Eligible);
        var householdReasons = new List<Reason>
        {
            eligibleCount > 0
                ? new Reason("members-of-age", () => $"{eligibleCount} thành viên từ {minimumAge} tuổi trở lên.", () => $"{eligibleCount} member(s) aged {minimumAge} or over.")
                : new Reason("no-member-of-age", () => $"Không có thành viên từ {minimumAge} tuổi trở lên.", () => $"No member is aged {minimumAge} or over."),
        };
        if (eligibleCount > 0)
            householdReasons.Add(new Reason("checked-at-application",
                "Việc cư trú hợp pháp tại xã và phương án tạo việc làm được xét khi đề nghị vay.",
                "Lawful residence in the commune and the job plan are checked when the loan is requested."));
        return Answer(programme, terms, eligibleCount > 0, householdReasons, members: members);
    }

    static ProgrammeEligibility Answer(
        LoanProgramme programme, ProgrammeTerms? terms, bool eligible, IReadOnlyList<Reason> reasons,
        DateOnly? validUntil = null, IReadOnlyList<MemberEligibility>? members = null) =>
        new(programme.Code, programme.NameVi, programme.NameEn, programme.LegalBasis, eligible, reasons, terms, validUntil, members);

    static ProgrammeEligibility Incomplete(LoanProgramme programme, ProgrammeTerms terms, string missing) =>
        Answer(programme, terms, false, [new Reason("programme-data-incomplete",
            () => $"Điều kiện vay từ {Text.Vi(terms.EffectiveFrom)} thiếu số liệu '{missing}'.",
            () => $"The terms effective {Text.En(terms.EffectiveFrom)} lack '{missing}'.")]);

    static Reason NoStatus(DateOnly asOf) => new("no-recognised-status",
        () => $"Hộ không có kết quả rà soát được công nhận có hiệu lực vào ngày {Text.Vi(asOf)}.",
        () => $"The household has no recognised status in force on {Text.En(asOf)}.");

    static Reason StatusReason(RecognisedStatus current, DateOnly asOf, Classification? required)
    {
        string code = required is null || current.Classification == required ? "status-" + current.Classification.Code() : "status-not-" + required.Value.Code();
        return new Reason(code,
            () => $"Ngày {Text.Vi(asOf)}, hộ là {current.Classification.NameVi()} (công nhận có hiệu lực từ {Text.Vi(current.EffectiveDate)}).",
            () => $"On {Text.En(asOf)} the household is {current.Classification.NameEn()} (recognised with effect from {Text.En(current.EffectiveDate)}).");
    }

    static int LastIndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (int i = items.Count - 1; i >= 0; i--)
            if (match(items[i]))
                return i;
        return -1;
    }
}
