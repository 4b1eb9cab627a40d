using Eligibility.Application.Audit;
using System.Globalization;
using Eligibility.Application.Common;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Eligibility;

/// <summary>
/// Which loan programmes a household qualifies for: on a stored household, on facts supplied by the caller, for a
/// batch of personal ID numbers, and as a commune's list for one programme. One engine (EligibilityEngine) answers
/// all but the list, which the database answers from the facts settled on each status at recognition.
/// </summary>
public sealed class EligibilityService(
    IEligibilityStore store, IUnitStore units, IPolicyCatalog catalog, ICurrentUser user, TimeProvider clock,
    IAuditLog audit, ILookupQuota quota, LookupOptions lookup)
{
    /// <summary>The programmes the list query knows how to test in SQL.</summary>
    public static readonly IReadOnlyList<string> ListedProgrammes =
    [
        ProgrammeCodes.PoorHousehold, ProgrammeCodes.NearPoorHousehold, ProgrammeCodes.NewlyEscapedHousehold,
        ProgrammeCodes.Income150, ProgrammeCodes.JobCreation,
    ];

    public async Task<Result<EligibilityResponse>> ForHousehold(Guid id, string? asOf, ReasonLanguage language, CancellationToken ct)
    {
        var date = ParseAsOf(asOf);
        if (!date.IsSuccess)
            return Result<EligibilityResponse>.Failure(date.Errors);

        // A household outside the caller's communes is indistinguishable from one that does not exist.
        var facts = (await store.Facts([id], ct)).SingleOrDefault();
        if (facts is null || !user.MayAccessHouseholdsOf(facts.CommuneCode))
            return Error.NotFound("Household");

        var policy = await catalog.Load(ct);
        var answer = Evaluate(facts, date.Value, policy);
        var current = answer.StatusInForce;
        var line = current?.StandardCode is { } code ? policy.Standard(code)?.FiguresOn(current.EffectiveDate)?.LineFor(facts.AreaType) : null;
        var memberIds = facts.Members.Select(m => m.MemberId).ToList();
        return new EligibilityResponse(current?.StandardCode, current?.Classification, EligibilityMapping.Plain(line), current?.DeprivationCount,
            answer.Programmes.Select(p => p.ToResponse(language, memberIds)).ToList());
    }

    public async Task<Result<EligibilityResponse>> Evaluate(EvaluateRequest request, ReasonLanguage language, CancellationToken ct)
    {
        var facts = new EvaluationFacts(
            request.AsOf ?? clock.Today(),
            request.AreaType,
            request.EspeciallyDifficultArea,
            new CurrentReview(request.Current.EffectiveDate, request.Current.IncomePerPersonMonthly, request.Current.DeprivedIndicators),
            request.History.Select(h => new PastStatus(h.Classification, h.EffectiveDate)).ToList(),
            request.Members.Select(m => new MemberProfile(m.DateOfBirth, m.Sex, m.EthnicMinority, m.HasDisability, m.CaresForSevereDisability)).ToList());
        var policy = await catalog.Load(ct);
        var evaluated = FactsEvaluation.Evaluate(facts, policy.Standards, policy.Programmes);
        if (!evaluated.IsSuccess)
            // "No standard in force on current.effectiveDate" is about a field of the request: a 400 like the others.
            return Result<EligibilityResponse>.Failure(evaluated.Errors
                .Select(e => e.Field is not null && e.Kind != ErrorKind.Validation ? Error.Invalid(e.Field, e.Message) : e).ToList());

        var result = evaluated.Value;
        return new EligibilityResponse(result.Standard.Standard.Code, result.Classification.Classification, EligibilityMapping.Plain(result.Classification.PovertyLine),
            result.Classification.DeprivationCount, result.Eligibility.Programmes.Select(p => p.ToResponse(language)).ToList());
    }

    /// <summary>
    /// For the bank's systems: per number, whether a household was found, its status and eligible programmes today.
    /// One statement finds the holders and loads their households' facts; the engine runs in memory. Each distinct
    /// number counts against the caller's daily quota first; a request that would cross it is refused whole and
    /// counts nothing, so the caller can still spend what is left.
    /// </summary>
    public async Task<Result<LookupResponse>> Lookup(LookupRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var distinct = request.PersonalIds.Distinct().ToList();
        if (!await quota.TryUse(user.Subject, today, distinct.Count, lookup.DailyIdQuota, ct))
            return QuotaExceeded(lookup.DailyIdQuota);
        var held = (await store.FactsOfHolders(distinct, ct))
            .Where(h => user.MayLookUpHouseholdsOf(h.Facts.CommuneCode))
            .ToList();
        var answers = new Dictionary<string, EligibilityAnswer>();
        if (held.Count > 0)
        {
            var policy = await catalog.Load(ct);
            foreach (var (personalIds, facts) in held)
            {
                var answer = Evaluate(facts, today, policy);
                foreach (var personalId in personalIds)
                    answers[personalId] = answer;
            }
            // The bank's systems read personal data too: record which households this lookup found (never the ID numbers).
            await audit.RecordRead(new PersonalDataRead("eligibility-lookup", null,
                held.Select(h => h.Facts.HouseholdId.ToString()).ToList(), null, null), ct);
        }

        var results = request.PersonalIds.Select(id => answers.TryGetValue(id, out var answer)
            ? new LookupResult(id, true, answer.StatusInForce?.Classification, answer.Programmes.Where(p => p.Eligible).Select(p => p.Code).ToList())
            : new LookupResult(id, false, null, [])).ToList();
        return new LookupResponse(today, results);
    }

    public static Error QuotaExceeded(int dailyIdQuota)
    {
        var limit = dailyIdQuota.ToString("N0", CultureInfo.InvariantCulture);
        return new Error(ErrorKind.LimitReached, "lookup-quota-exceeded",
            $"Yêu cầu này vượt hạn mức tra cứu {limit} số định danh mỗi ngày; hạn mức mới bắt đầu lúc 0 giờ (giờ Việt Nam). " +
            $"/ This request would pass the quota of {limit} ID numbers a day; it starts again at midnight, Vietnam time.");
    }

    /// <summary>A commune's households eligible for one programme on a date, from one indexed query (no evaluation loop).</summary>
    public async Task<Result<Paged<EligibleHousehold>>> EligibleHouseholds(EligibleHouseholdsQuery query, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(query.CommuneCode) || await units.Commune(query.CommuneCode, ct) is null)
            return Error.NotFound("Commune");

        var date = ParseAsOf(query.AsOf);
        if (!date.IsSuccess)
            return Result<Paged<EligibleHousehold>>.Failure(date.Errors);
        var asOf = date.Value;
        if (string.IsNullOrWhiteSpace(query.Programme))
            return Error.Invalid("programme", $"Name the programme: one of {string.Join(", ", ListedProgrammes)}.");

        var policy = await catalog.Load(ct);
        if (policy.Programme(query.Programme) is not { } programme || !ListedProgrammes.Contains(programme.Code))
            return Error.Invalid("programme", $"'{query.Programme}' is not a programme; use one of {string.Join(", ", ListedProgrammes)}.");

        // The engine refuses every household for a programme without terms that day; the list says why instead of
        // answering an empty page that would read as "nobody qualifies".
        if (programme.TermsOn(asOf) is not { } terms)
            return new Error(ErrorKind.Unprocessable, "no-terms-in-force",
                $"The programme {programme.Code} has no terms in force on {asOf:yyyy-MM-dd}.", "asOf");

        var filter = new EligibleHouseholdsFilter(query.CommuneCode, programme.Code, asOf, query.VillageId, query.Page, query.PageSize);
        switch (programme.Code)
        {
            case ProgrammeCodes.NewlyEscapedHousehold:
                if (terms.WindowYears is not { } window)
                    return Incomplete(programme.Code, terms, "windowYears");
                filter = filter with { WindowYears = window };
                break;
            case ProgrammeCodes.JobCreation:
                if (terms.MinimumBorrowerAge is not { } minimumAge)
                    return Incomplete(programme.Code, terms, "minimumBorrowerAge");
                if (terms.PriorityAnnualRatePercent is null)
                    return Incomplete(programme.Code, terms, "priorityAnnualRatePercent");
                // Aged at least minimumAge on asOf exactly as Ages.On counts (29 February birthdays on 1 March).
                filter = filter with { BornOnOrBefore = asOf.AddYears(-minimumAge) };
                break;
        }
        return await store.EligibleHouseholds(filter, ct);
    }

    static Error Incomplete(string programme, ProgrammeTerms terms, string missing) =>
        new(ErrorKind.Unprocessable, "programme-data-incomplete",
            $"The terms of {programme} effective {terms.EffectiveFrom:yyyy-MM-dd} lack '{missing}'.");

    internal static EligibilityAnswer Evaluate(HouseholdEligibilityFacts facts, DateOnly asOf, PolicySet policy) =>
        EligibilityEngine.Evaluate(
            new EligibilityQuery(asOf, facts.AreaType, facts.EspeciallyDifficultArea, facts.Statuses, facts.Members.Select(m => m.Profile).ToList()),
            policy.Standards, policy.Programmes);

    Result<DateOnly> ParseAsOf(string? asOf)
    {
        if (asOf is null)
            return clock.Today();
        return DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Error.Invalid("asOf", "asOf is a date written YYYY-MM-DD.");
    }
}

public static class EligibilityAccess
{
    /// <summary>Integrators (the bank's systems) look up nationally; officials only find households of their communes.</summary>
    public static bool MayLookUpHouseholdsOf(this ICurrentUser user, string communeCode) =>
        user.Role == Roles.Integrator || user.MayAccessHouseholdsOf(communeCode);
}
