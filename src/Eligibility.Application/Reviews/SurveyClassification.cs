using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Reviews;

/// <summary>The household facts a survey is classified with: who it is, where, and its members' indicator facts.</summary>
public sealed record HouseholdSurveyFacts(Guid Id, string ProvinceCode, string CommuneCode, IReadOnlyList<MemberIndicatorFacts> Members);

/// <summary>
/// Classifies one survey under the standard that applies: pure, no I/O. The single review endpoints and the bulk
/// survey import both call this, so a review is the same whichever way it was recorded.
/// </summary>
public static class SurveyClassification
{
    public static Result<PovertyReview> Classify(
        HouseholdSurveyFacts household, AreaType areaType, IReadOnlyList<PovertyStandard> standards, ReviewKind kind, int? periodYear,
        ISurveyAnswers request, Guid? roundId, Guid id, DateTimeOffset now)
    {
        // Decision 24/2021/QĐ-TTg: a periodic review of year Y makes the lists of Y+1; a regular one takes effect on
        // its decision, which is not known yet, so the survey date stands in until recognition confirms the standard.
        var choice = kind == ReviewKind.Periodic
            ? StandardSelection.ForPeriodicReview(periodYear!.Value, standards, "periodYear")
            : StandardSelection.ForRegularReview(request.SurveyDate, standards, "surveyDate");
        if (!choice.IsSuccess)
            return Result<PovertyReview>.Failure(choice.Errors);
        var standard = choice.Value;

        int memberCount = household.Members.Count;
        if (memberCount == 0)
            return new Error(ErrorKind.Unprocessable, "household-without-members", "The household has no members to classify.", "householdId");
        decimal income = request.IncomePerPersonMonthly
            ?? Math.Round(request.HouseholdIncome12Months!.Value / 12m / memberCount, 2, MidpointRounding.AwayFromZero);

        var derived = IndicatorDerivation.Derive(standard.Standard.Indicators, standard.Figures.Derivation, request.SurveyDate,
            household.Members, request.FloorArea, standard.EffectiveDate);
        var answers = IndicatorDerivation.Resolve(standard.Standard.Indicators, request.Indicators, derived, "indicators");
        if (!answers.IsSuccess)
            return Result<PovertyReview>.Failure(answers.Errors);

        var result = PovertyClassifier.Classify(standard, areaType, income, answers.Value.Count(a => a.Deprived));
        return PovertyReview.Record(id, household.Id, household.ProvinceCode, household.CommuneCode,
            kind, periodYear, request.SurveyDate, standard, result, answers.Value, memberCount,
            request.HouseholdIncome12Months, request.FloorArea, now, roundId);
    }
}
