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

/// <param name="CaresForSevereDisability">The member's household directly cares for a person with an especially severe
/// disability, or the member takes in and cares for one (a priority group of Law 74/2025/QH15 Art. 9).</param>
public sealed record MemberProfile(DateOnly DateOfBirth, Sex Sex, bool EthnicMinority, bool HasDisability, bool CaresForSevereDisability = false);

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
        var later = query.StatusHistory.Where(s => s.EffectiveDate > query.AsOf).OrderBy(s => s.EffectiveDate).FirstOrDefault();
        var context = new Context(query, statuses, later, standards);
        var answers = programmes.Select(p => Evaluate(p, context)).ToList();
        return new EligibilityAnswer(query.AsOf, context.Current, answers);
    }

    /// <param name="Later">The first status that takes effect after the as-of date, if any.</param>
    sealed record Context(EligibilityQuery Query, IReadOnlyList<RecognisedStatus> Statuses, RecognisedStatus? Later, IReadOnlyList<PovertyStandard> Standards)
    {
        public RecognisedStatus? Current => Statuses.Count > 0 ? Statuses[^1] : null;
        public DateOnly AsOf => Query.AsOf;

        /// <summary>
        /// The status in force was classified under a standard no longer in force on the as-of date: it stands until
        /// a review under the standard in force replaces it, and that review is due.
        /// </summary>
        public PovertyStandard? ExpiredStandard =>
            Current?.StandardCode is { } code && Standards.FirstOrDefault(s => s.Code == code) is { } standard && !standard.IsInForceOn(AsOf)
                ? standard : null;
    }

    static ProgrammeEligibility Evaluate(LoanProgramme programme, Context context)
    {
        var terms = programme.TermsOn(context.AsOf);
        if (terms is null)
            return Answer(programme, null, false, [new Reason("no-terms-in-force",
                () => $"Chương trình không có điều kiện vay có hiệu lực vào ngày {Text.Vi(context.AsOf)}.",
                () => $"The programme has no terms in force on {Text.En(context.AsOf)}.")]);

        var answer = Rule(programme, terms, context);
        var notes = new List<Reason>();
        if (context.ExpiredStandard is { } expired && ReadsStatus(programme.Code, terms))
            notes.Add(new Reason("standard-expired-review-due",
                () => $"Kết quả đang có hiệu lực được xếp theo chuẩn nghèo {expired.Code}, đã hết hiệu lực ngày {Text.Vi(expired.InForceTo)}; cần rà soát lại theo chuẩn nghèo đang có hiệu lực.",
                () => $"The status in force was classified under the {expired.Code} standard, which ended on {Text.En(expired.InForceTo)}; a review under the standard in force is due."));
        if (!terms.Confirmed)
            notes.Add(Unconfirmed.With(Arg.Of(terms.EffectiveFrom), terms.Source));
        return notes.Count == 0 ? answer : answer with { Reasons = [.. answer.Reasons, .. notes] };
    }

    /// <summary>Whether the programme's answer depends on the recognised status (job-creation's only through the Law's groups).</summary>
    static bool ReadsStatus(string code, ProgrammeTerms terms) =>
        code != ProgrammeCodes.JobCreation || terms.PriorityRule == PriorityRule.Law74;

    // Values: effective date of the terms, source.
    static readonly ReasonTemplate Unconfirmed = new("terms-unconfirmed",
        a => $"Điều kiện vay có hiệu lực từ {Text.Vi(a.Date(0))} chưa được nguồn nào xác nhận ({a[1]}).",
        a => $"The terms in force since {Text.En(a.Date(0))} are not confirmed by a source ({a[1]}).");

    /// <summary>The templates of the answers' reasons: loan requests keep their answer, so these are read back too.</summary>
    internal static IEnumerable<ReasonTemplate> Templates => [Unconfirmed];

    static ProgrammeEligibility Rule(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
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
            return Answer(programme, terms, false, [NoStatus(context)]);
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
            return Answer(programme, terms, false, [NoStatus(context)]);
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
    /// Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg (student loans): income per person of the status
    /// in force at most the programme's own factor (1.5) times the poverty line of that status's standard and area.
    /// Since 2022 the students of poor, near-poor and middle-living households, which under 2022-2026 is the same bound.
    /// The factor is the programme's, not the standard's middle-living factor, so correcting that band changes nothing here.
    /// </summary>
    static ProgrammeEligibility Income150(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (terms.IncomeCeilingFactor is not { } factor)
            return Incomplete(programme, terms, "incomeCeilingFactor");
        if (context.Current is not { } current)
            return Answer(programme, terms, false, [NoStatus(context)]);
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
        decimal ceiling = factor * line;
        bool eligible = income <= ceiling;
        return Answer(programme, terms, eligible, [new Reason(eligible ? "income-within-limit" : "income-above-limit",
            () => $"Thu nhập bình quân {Text.Vi(income)} đồng/người/tháng {(eligible ? "không vượt" : "vượt")} {Text.Vi(ceiling)} đồng ({Text.Vi(factor)} lần chuẩn nghèo {Text.AreaVi(Arg.Of(area))} {Text.Vi(line)} đồng, {standard.Code}): học sinh, sinh viên thuộc hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình ({Text.LegalVi(programme.LegalBasis)}).",
            () => $"Income of {Text.En(income)} VND per person per month is {(eligible ? "at most" : "above")} {Text.En(ceiling)} VND ({Text.En(factor)} × the {standard.Code} {Text.AreaEn(Arg.Of(area))} line of {Text.En(line)} VND): students of poor, near-poor and middle-living households ({programme.LegalBasis}).")]);
    }

    /// <summary>
    /// Any household; each worker of full age may borrow, at the priority rate for priority workers. Who is a priority
    /// worker is the terms version's <see cref="ProgrammeTerms.PriorityRule"/>: the groups changed with the law.
    /// </summary>
    static ProgrammeEligibility JobCreation(LoanProgramme programme, ProgrammeTerms terms, Context context)
    {
        if (terms.MinimumBorrowerAge is not { } minimumAge)
            return Incomplete(programme, terms, "minimumBorrowerAge");
        if (terms.PriorityAnnualRatePercent is not { } priorityRate)
            return Incomplete(programme, terms, "priorityAnnualRatePercent");
        if (terms.PriorityRule is not { } rule)
            return Incomplete(programme, terms, "priorityRule");

        bool poor = context.Current?.Classification == Classification.Poor;
        bool difficultArea = context.Query.EspeciallyDifficultArea;
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
            reasons.AddRange(PriorityGroups(rule, member, poor, difficultArea));
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

    /// <summary>The priority groups the member belongs to under the rule set of the terms in force.</summary>
    static IEnumerable<Reason> PriorityGroups(PriorityRule rule, MemberProfile member, bool poor, bool difficultArea)
    {
        if (member.HasDisability)
            yield return new Reason("priority-disability", "Ưu tiên: người khuyết tật.", "Priority: a person with a disability.");
        if (rule == PriorityRule.Decree61)
        {
            // Nghị định 61/2015 as amended by 74/2019: no condition on the household's poverty.
            if (member.EthnicMinority && difficultArea)
                yield return new Reason("priority-ethnic-minority-difficult-area",
                    "Ưu tiên: người dân tộc thiểu số đang sinh sống tại vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn (Nghị định 61/2015/NĐ-CP, sửa đổi bởi Nghị định 74/2019/NĐ-CP).",
                    "Priority: an ethnic-minority person living in an especially difficult area (Decree 61/2015/NĐ-CP as amended by Decree 74/2019/NĐ-CP).");
            yield break;
        }
        if (member.EthnicMinority && poor)
            yield return new Reason("priority-ethnic-minority-poor-household",
                "Ưu tiên: người dân tộc thiểu số thuộc hộ nghèo (Luật Việc làm 74/2025/QH15, Điều 9).",
                "Priority: an ethnic-minority member of a poor household (Law 74/2025/QH15 Art. 9).");
        if (difficultArea && poor)
            yield return new Reason("priority-poor-household-difficult-area",
                "Ưu tiên: thành viên hộ nghèo ở vùng đặc biệt khó khăn (Luật Việc làm 74/2025/QH15, Điều 9).",
                "Priority: a member of a poor household in an especially difficult area (Law 74/2025/QH15 Art. 9).");
        if (member.CaresForSevereDisability)
            yield return new Reason("priority-cares-for-severe-disability",
                "Ưu tiên: người lao động thuộc hộ gia đình trực tiếp nuôi dưỡng, chăm sóc người khuyết tật đặc biệt nặng, hoặc nhận nuôi dưỡng, chăm sóc người khuyết tật đặc biệt nặng (Luật Việc làm 74/2025/QH15, Điều 9).",
                "Priority: a worker of a household that directly cares for a person with an especially severe disability, or who takes in and cares for one (Law 74/2025/QH15 Art. 9).");
    }

    static ProgrammeEligibility Answer(
        LoanProgramme programme, ProgrammeTerms? terms, bool eligible, IReadOnlyList<Reason> reasons,
        DateOnly? validUntil = null, IReadOnlyList<MemberEligibility>? members = null) =>
        new(programme.Code, programme.NameVi, programme.NameEn, programme.LegalBasis, eligible, reasons, terms, validUntil, members);

    static ProgrammeEligibility Incomplete(LoanProgramme programme, ProgrammeTerms terms, string missing) =>
        Answer(programme, terms, false, [new Reason("programme-data-incomplete",
            () => $"Điều kiện vay từ {Text.Vi(terms.EffectiveFrom)} thiếu số liệu '{missing}'.",
            () => $"The terms effective {Text.En(terms.EffectiveFrom)} lack '{missing}'.")]);

    /// <summary>No status in force yet: either one recognised takes effect later (say which and when), or none.</summary>
    static Reason NoStatus(Context context)
    {
        var asOf = context.AsOf;
        if (context.Later is { } later)
            return new Reason("status-effective-later",
                () => $"Hộ được công nhận là {later.Classification.NameVi()} từ {Text.Vi(later.EffectiveDate)}; vào ngày {Text.Vi(asOf)} kết quả đó chưa có hiệu lực.",
                () => $"The household is recognised as {later.Classification.NameEn()} from {Text.En(later.EffectiveDate)}; on {Text.En(asOf)} that status is not yet in force.");
        return new Reason("no-recognised-status",
            () => $"Hộ không có kết quả rà soát được công nhận có hiệu lực vào ngày {Text.Vi(asOf)}.",
            () => $"The household has no recognised status in force on {Text.En(asOf)}.");
    }

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
