using Eligibility.Application.Eligibility;
using Eligibility.Domain.Households;
using Eligibility.Domain.Loans;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Loans;

// ---- Associations ----

/// <param name="Name">Defaults to the kind's usual Vietnamese name (Hội Nông dân, ...).</param>
public sealed record CreateAssociationRequest(AssociationKind Kind, string? Name);

public sealed record AssociationResponse(Guid Id, string CommuneCode, string ProvinceCode, AssociationKind Kind, string Name, DateTimeOffset CreatedAt);

// ---- Savings and Loan Groups ----

public sealed record CreateGroupRequest(string Name, IReadOnlyList<Guid> VillageIds, string LeaderName, Guid? LeaderMemberId);

public sealed record GroupResponse(
    Guid Id, Guid AssociationId, string CommuneCode, string ProvinceCode, string Name, IReadOnlyList<Guid> VillageIds,
    string LeaderName, Guid? LeaderMemberId, DateTimeOffset CreatedAt);

public sealed record JoinGroupRequest(Guid HouseholdId, DateOnly JoinedOn);

public sealed record LeaveGroupRequest(DateOnly LeftOn);

/// <param name="DateOfBirth">Null for association officers, who see the year of birth only.</param>
/// <param name="PersonalId">Masked (*********123) for association officers.</param>
public sealed record GroupMemberPerson(Guid Id, string FullName, Relationship Relationship, int BirthYear, DateOnly? DateOfBirth, string? PersonalId);

public sealed record MembershipResponse(
    Guid GroupId, Guid HouseholdId, string HeadName, Guid VillageId, string VillageName, DateOnly JoinedOn, DateOnly? LeftOn,
    IReadOnlyList<GroupMemberPerson> Members);

// ---- Loan requests (Mẫu 01/TD) ----

public sealed record CreateLoanRequest(
    Guid HouseholdId, Guid BorrowerMemberId, string Programme, decimal Amount, string Purpose, int TermMonths, DateOnly FiledOn);

public sealed record FilingEligibilityResponse(
    DateOnly AsOf, bool Eligible, Classification? Classification, DateOnly? StatusEffectiveDate, IReadOnlyList<ReasonResponse> Reasons,
    decimal? MaxAmount, AmountBasis? AmountBasis, int? MaxTermMonths, decimal? AnnualRatePercent);

public sealed record LoanRequestResponse(
    Guid Id, Guid GroupId, Guid AssociationId, string CommuneCode, string ProvinceCode, Guid HouseholdId, Guid BorrowerMemberId,
    string BorrowerName, string Programme, decimal Amount, string Purpose, int TermMonths, DateOnly FiledOn, LoanRequestStatus Status,
    FilingEligibilityResponse EligibilityAtFiling, Guid? MeetingId, string? DecisionReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Sent as the ETag, not in the body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>The household's eligibility for the requested programme today (job-creation: the borrower's).</summary>
public sealed record CurrentEligibilityResponse(DateOnly AsOf, bool Eligible, IReadOnlyList<ReasonResponse> Reasons);

public sealed record PendingRequestResponse(
    Guid Id, Guid GroupId, string GroupName, Guid HouseholdId, string HeadName, Guid VillageId, string VillageName,
    Guid BorrowerMemberId, string BorrowerName, string Programme, decimal Amount, string Purpose, int TermMonths, DateOnly FiledOn,
    bool EligibleAtFiling, CurrentEligibilityResponse CurrentEligibility);

// ---- Group meetings (bình xét) and the group's list (Mẫu 03/TD) ----

public enum MeetingDecisionKind
{
    Approved,
    Rejected,
}

public sealed record MeetingDecisionRequest(Guid RequestId, MeetingDecisionKind Decision, string? Reason);

public sealed record CreateMeetingRequest(
    DateOnly HeldOn, int Attendees, int MembersTotal, string ChairedBy, IReadOnlyList<MeetingDecisionRequest> Decisions)
{
    public const int MaxDecisions = 500;
}

public sealed record MeetingDecisionResponse(Guid RequestId, LoanRequestStatus Status, string? Reason);

public sealed record MeetingResponse(
    Guid Id, Guid GroupId, string CommuneCode, DateOnly HeldOn, int Attendees, int MembersTotal, string ChairedBy,
    IReadOnlyList<MeetingDecisionResponse> Decisions, DateTimeOffset CreatedAt);

/// <param name="No">STT: the line's number on the form.</param>
/// <param name="Category">Đối tượng: the target group the programme lends to.</param>
public sealed record GroupListLine(
    int No, Guid RequestId, Guid HouseholdId, string BorrowerName, string VillageName, string Category, string Programme,
    string ProgrammeName, decimal Amount, string Purpose, int TermMonths, LoanRequestStatus Status);

public sealed record GroupListResponse(
    Guid GroupId, string GroupName, Guid AssociationId, string AssociationName, string CommuneCode, Guid MeetingId, DateOnly HeldOn,
    int Attendees, int MembersTotal, string ChairedBy, IReadOnlyList<GroupListLine> Lines)
{
    /// <summary>The headings of Mẫu 03/TD in the form's order, as the CSV and XLSX exports print them.</summary>
    public static readonly IReadOnlyList<string> Headings =
        ["STT", "Họ và tên người vay", "Thôn", "Đối tượng", "Chương trình", "Số tiền đề nghị vay", "Mục đích", "Thời hạn (tháng)"];

    public static IReadOnlyList<object?> Row(GroupListLine l) =>
        [l.No, l.BorrowerName, l.VillageName, l.Category, l.ProgrammeName, l.Amount, l.Purpose, l.TermMonths];
}
