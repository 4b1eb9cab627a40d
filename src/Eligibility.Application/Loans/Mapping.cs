using Eligibility.Application.Eligibility;
using Eligibility.Domain.Households;
using Eligibility.Domain.Loans;

namespace Eligibility.Application.Loans;

public static class LoanMapping
{
    public static AssociationResponse ToResponse(this Association a) => new(a.Id, a.CommuneCode, a.ProvinceCode, a.Kind, a.Name, a.CreatedAt);

    public static GroupResponse ToResponse(this SavingsGroup g) => new(g.Id, g.AssociationId, g.CommuneCode, g.ProvinceCode, g.Name,
        g.Villages.Select(v => v.VillageId).ToList(), g.LeaderName, g.LeaderMemberId, g.CreatedAt);

    /// <param name="reveal">False for association officers: year of birth only, ID number masked.</param>
    public static MembershipResponse ToResponse(this MembershipRow row, bool reveal) => new(
        row.Membership.GroupId, row.Household.Id, row.Household.HeadName, row.Household.VillageId, row.VillageName,
        row.Membership.JoinedOn, row.Membership.LeftOn,
        row.Household.Members.OrderBy(m => m.Relationship != Relationship.Head).ThenBy(m => m.DateOfBirth).ThenBy(m => m.Id)
            .Select(m => new GroupMemberPerson(m.Id, m.FullName, m.Relationship, m.DateOfBirth.Year, reveal ? m.DateOfBirth : null,
                m.PersonalId is null ? null : reveal ? m.PersonalId : PersonalIdNumber.Mask(m.PersonalId))).ToList());

    // Reason messages at filing are kept in both languages; the answer gives the English one, as the 422 at filing did.
    public static LoanRequestResponse ToResponse(this LoanRequest r) => new(
        r.Id, r.GroupId, r.AssociationId, r.CommuneCode, r.ProvinceCode, r.HouseholdId, r.BorrowerMemberId, r.BorrowerName, r.ProgrammeCode,
        EligibilityMapping.Plain(r.Amount), r.Purpose, r.TermMonths, r.FiledOn, r.Status,
        new FilingEligibilityResponse(r.Eligibility.AsOf, r.Eligibility.Eligible, r.Eligibility.Classification, r.Eligibility.StatusEffectiveDate,
            r.Eligibility.Reasons.Select(x => x.ToResponse(ReasonLanguage.English)).ToList(), EligibilityMapping.Plain(r.Eligibility.MaxAmount),
            r.Eligibility.AmountBasis, r.Eligibility.MaxTermMonths, EligibilityMapping.Plain(r.Eligibility.AnnualRatePercent)),
        r.MeetingId, r.DecisionReason, r.CreatedAt, r.UpdatedAt) { Version = r.Version };

    public static MeetingResponse ToResponse(this GroupMeeting m, IReadOnlyList<MeetingDecisionResponse> decisions) =>
        new(m.Id, m.GroupId, m.CommuneCode, m.HeldOn, m.Attendees, m.MembersTotal, m.ChairedBy, decisions, m.CreatedAt);
}
