using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Reviews;

/// <summary>
/// A household's official status from a recognised review, kept forever as evidence. Besides the decision it carries
/// what the lists need, settled when the chain of statuses changes: until when it held, whether its income was within
/// 150% of its line, and when the household escaped poverty if it did.
/// </summary>
public sealed class HouseholdStatus
{
    HouseholdStatus() { }

    public Guid ReviewId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public Classification Classification { get; private set; }
    public string StandardCode { get; private set; } = "";
    public DateOnly EffectiveDate { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public decimal IncomePerPersonMonthly { get; private set; }
    public int DeprivationCount { get; private set; }
    public bool WithinIncome150 { get; private set; }
    public DateOnly? EscapeDate { get; private set; }
    public string DecisionNumber { get; private set; } = "";
    public DateOnly DecisionDate { get; private set; }
    public string Signer { get; private set; } = "";
    public DateTimeOffset RecognisedAt { get; private set; }

    /// <param name="income150Factor">income-150's own factor in force on the review's effective date; null when it has none.</param>
    public static HouseholdStatus From(PovertyReview review, decimal? income150Factor) => new()
    {
        ReviewId = review.Id,
        HouseholdId = review.HouseholdId,
        ProvinceCode = review.ProvinceCode,
        CommuneCode = review.CommuneCode,
        Classification = review.Classification,
        StandardCode = review.StandardCode,
        EffectiveDate = review.EffectiveDate,
        IncomePerPersonMonthly = review.IncomePerPersonMonthly,
        DeprivationCount = review.DeprivationCount,
        // Decision 157/2007/QĐ-TTg as amended by 05/2022: at most the programme's factor (1.5) times the line, its own
        // figure rather than the standard's middle-living band, which may be corrected independently.
        WithinIncome150 = income150Factor is { } factor && review.IncomePerPersonMonthly <= factor * review.PovertyLine,
        DecisionNumber = review.DecisionNumber!,
        DecisionDate = review.DecisionDate!.Value,
        Signer = review.Signer!,
        RecognisedAt = review.RecognisedAt!.Value,
    };

    public RecognisedStatus ToRecognisedStatus() => new(Classification, EffectiveDate, StandardCode, IncomePerPersonMonthly, DeprivationCount);

    /// <summary>
    /// Settles each status's end and escape date from the whole chain, in effective-date order: a status holds until
    /// the next one takes effect; the escape is the first status above near-poor after the last poor or near-poor one
    /// (Decision 28/2015/QĐ-TTg), the same rule the eligibility engine applies.
    /// </summary>
    public static void Settle(IReadOnlyList<HouseholdStatus> chain)
    {
        var ordered = chain.OrderBy(s => s.EffectiveDate).ThenBy(s => s.RecognisedAt).ToList();
        DateOnly? escape = null;
        bool everPoorOrNearPoor = false;
        for (int i = 0; i < ordered.Count; i++)
        {
            var status = ordered[i];
            status.ValidTo = i + 1 < ordered.Count ? ordered[i + 1].EffectiveDate : null;
            if (status.Classification is Classification.Poor or Classification.NearPoor)
            {
                everPoorOrNearPoor = true;
                escape = null;
                status.EscapeDate = null;
            }
            else
            {
                if (everPoorOrNearPoor && escape is null)
                    escape = status.EffectiveDate;
                status.EscapeDate = escape;
            }
        }
    }
}
