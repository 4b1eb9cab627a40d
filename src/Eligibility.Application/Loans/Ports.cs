using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Domain.Loans;

namespace Eligibility.Application.Loans;

/// <summary>A pending request with what its meeting needs to see of the household.</summary>
public sealed record PendingRow(LoanRequest Request, string GroupName, string HeadName, Guid VillageId, string VillageName);

public sealed record MembershipRow(GroupMembership Membership, Household Household, string VillageName);

public sealed record ListRow(LoanRequest Request, string VillageName);

public interface ILoanStore
{
    Task<Association?> Association(Guid id, CancellationToken ct);
    Task<IReadOnlyList<Association>> Associations(string communeCode, CancellationToken ct);
    /// <returns>409 when the commune already has an association of that kind.</returns>
    Task<Error?> Add(Association association, CancellationToken ct);

    /// <summary>The group with its villages.</summary>
    Task<SavingsGroup?> Group(Guid id, CancellationToken ct);
    Task<IReadOnlyList<SavingsGroup>> Groups(Guid associationId, CancellationToken ct);
    /// <returns>409 when the association already has a group of that name.</returns>
    Task<Error?> Add(SavingsGroup group, CancellationToken ct);
    Task<string?> CommuneOfMember(Guid memberId, CancellationToken ct);

    /// <summary>Tracked for change.</summary>
    Task<GroupMembership?> Membership(Guid groupId, Guid householdId, CancellationToken ct);
    Task<IReadOnlyList<MembershipRow>> Memberships(Guid groupId, CancellationToken ct);
    void Add(GroupMembership membership);

    /// <summary>Tracked for change.</summary>
    Task<LoanRequest?> Request(Guid id, CancellationToken ct);
    Task<bool> HasOpenRequest(Guid householdId, string programme, CancellationToken ct);
    /// <returns>422 (open-request-exists) when another open request of the household for the programme was saved first.</returns>
    Task<Error?> Add(LoanRequest request, CancellationToken ct);
    Task<IReadOnlyList<PendingRow>> Pending(Guid? groupId, Guid? associationId, CancellationToken ct);

    /// <summary>The requests, locked (FOR UPDATE) and tracked, for a meeting to decide inside <see cref="InTransaction{T}"/>.</summary>
    Task<IReadOnlyList<LoanRequest>> LockRequests(IReadOnlyCollection<Guid> ids, CancellationToken ct);
    void Add(GroupMeeting meeting);
    Task<GroupMeeting?> Meeting(Guid groupId, Guid? meetingId, CancellationToken ct);
    Task<IReadOnlyList<LoanRequest>> DecidedAt(Guid meetingId, CancellationToken ct);
    Task<IReadOnlyList<ListRow>> ApprovedAt(Guid meetingId, CancellationToken ct);

    Task Save(CancellationToken ct);

    /// <summary>Runs the work in one transaction (the request's own when there is one), committing only on success.</summary>
    Task<Result<T>> InTransaction<T>(Func<Task<Result<T>>> work, CancellationToken ct);
}
