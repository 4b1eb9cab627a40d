using Eligibility.Domain.Policy;

namespace Eligibility.Application.Eligibility;

public static class EligibilityMapping
{
    public static ReasonResponse ToResponse(this Reason reason, ReasonLanguage language) =>
        new(reason.Code, language == ReasonLanguage.Vietnamese ? reason.MessageVi : reason.MessageEn);

    /// <summary>6.24 rather than 6.2400: numeric columns keep their scale, which the answer need not show.</summary>
    public static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;

    public static decimal? Plain(decimal? value) => value is { } v ? Plain(v) : null;

    // Programme names are left out: the contract identifies programmes by code (GET /api/v1/programmes names them).
    public static ProgrammeEligibilityResponse ToResponse(this ProgrammeEligibility p, ReasonLanguage language, IReadOnlyList<Guid>? memberIds = null) => new(
        p.Code,
        p.Eligible,
        p.Reasons.Select(r => r.ToResponse(language)).ToList(),
        p.LegalBasis,
        p.Terms is { } t ? new TermsResponse(Plain(t.MaxAmount), Plain(t.AnnualRatePercent), t.MaxTermMonths, t.AmountBasis, t.EffectiveFrom) : null,
        p.ValidUntil,
        p.Members?.Select(m => new MemberEligibilityResponse(
            m.Index, memberIds?[m.Index], m.Eligible, m.Priority, Plain(m.AnnualRatePercent), m.Reasons.Select(r => r.ToResponse(language)).ToList())).ToList());
}
