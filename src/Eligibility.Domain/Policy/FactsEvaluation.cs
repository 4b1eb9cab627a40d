using Eligibility.Domain.Common;
using Eligibility.Domain.Units;

namespace Eligibility.Domain.Policy;

/// <summary>The latest recognised review, as an integrator supplies it to <c>POST /api/v1/eligibility/evaluate</c>.</summary>
public sealed record CurrentReview(DateOnly EffectiveDate, decimal IncomePerPersonMonthly, IReadOnlyList<string> DeprivedIndicators);

/// <summary>An earlier recognised status.</summary>
public sealed record PastStatus(Classification Classification, DateOnly EffectiveDate);

public sealed record EvaluationFacts(
    DateOnly AsOf,
    AreaType AreaType,
    bool EspeciallyDifficultArea,
    CurrentReview Current,
    IReadOnlyList<PastStatus> History,
    IReadOnlyList<MemberProfile> Members);

public sealed record FactsEvaluationResult(StandardChoice Standard, ClassificationResult Classification, EligibilityAnswer Eligibility);

/// <summary>
/// The evaluate contract: classifies the current review under the standard in force on its effective date, then runs
/// the same engine as for a stored household. Errors name the request field (camelCase JSON path).
/// </summary>
public static class FactsEvaluation
{
    public static Result<FactsEvaluationResult> Evaluate(
        EvaluationFacts facts, IReadOnlyList<PovertyStandard> standards, IReadOnlyList<LoanProgramme> programmes)
    {
        var current = facts.Current;
        var errors = new List<Error>();
        if (current.EffectiveDate > facts.AsOf)
            errors.Add(Error.Invalid("current.effectiveDate",
                $"The current status takes effect on {Text.En(current.EffectiveDate)}, after asOf {Text.En(facts.AsOf)}."));
        if (current.IncomePerPersonMonthly < 0)
            errors.Add(Error.Invalid("current.incomePerPersonMonthly", "Income per person cannot be negative."));
        for (int i = 0; i < facts.History.Count; i++)
        {
            if (facts.History[i].EffectiveDate >= current.EffectiveDate)
                errors.Add(Error.Invalid($"history[{i}].effectiveDate",
                    $"An earlier status must take effect before the current one ({Text.En(current.EffectiveDate)})."));
        }
        for (int i = 0; i < facts.Members.Count; i++)
        {
            if (facts.Members[i].DateOfBirth > facts.AsOf)
                errors.Add(Error.Invalid($"members[{i}].dateOfBirth", "The date of birth is after asOf."));
        }

        var choice = StandardSelection.InForceOn(current.EffectiveDate, standards, "current.effectiveDate");
        if (!choice.IsSuccess)
            errors.AddRange(choice.Errors);
        else
            errors.AddRange(IndicatorErrors(current.DeprivedIndicators, choice.Value.Standard));
        if (errors.Count > 0)
            return Result<FactsEvaluationResult>.Failure(errors);

        var standard = choice.Value;
        int deprivations = current.DeprivedIndicators.Count;
        var classification = PovertyClassifier.Classify(standard, facts.AreaType, current.IncomePerPersonMonthly, deprivations);

        var statuses = facts.History
            .Select(h => new RecognisedStatus(h.Classification, h.EffectiveDate))
            .Append(new RecognisedStatus(classification.Classification, current.EffectiveDate,
                standard.Standard.Code, current.IncomePerPersonMonthly, deprivations))
            .ToList();
        var eligibility = EligibilityEngine.Evaluate(
            new EligibilityQuery(facts.AsOf, facts.AreaType, facts.EspeciallyDifficultArea, statuses, facts.Members),
            standards, programmes);
        return new FactsEvaluationResult(standard, classification, eligibility);
    }

    static IEnumerable<Error> IndicatorErrors(IReadOnlyList<string> codes, PovertyStandard standard)
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < codes.Count; i++)
        {
            string field = $"current.deprivedIndicators[{i}]";
            if (standard.FindIndicator(codes[i]) is null)
                yield return Error.Invalid(field, $"'{codes[i]}' is not an indicator of the {standard.Code} standard.");
            else if (!seen.Add(codes[i]))
                yield return Error.Invalid(field, $"'{codes[i]}' is listed twice.");
        }
    }
}
