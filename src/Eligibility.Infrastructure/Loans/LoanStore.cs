using Eligibility.Application.Loans;
using Eligibility.Domain.Common;
using Eligibility.Domain.Loans;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eligibility.Infrastructure.Loans;

public static class LoanInfrastructure
{
    public static IServiceCollection AddLoanStore(this IServiceCollection services) => services.AddScoped<ILoanStore, LoanStore>();
}

sealed class LoanStore(EligibilityDbContext db) : ILoanStore
{
    public Task<Association?> Association(Guid id, CancellationToken ct) => db.Set<Association>().SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<IReadOnlyList<Association>> Associations(string communeCode, CancellationToken ct) =>
        await db.Set<Association>().AsNoTracking().Where(a => a.CommuneCode == communeCode).OrderBy(a => a.Kind == AssociationKind.FarmersUnion ? 0
            : a.Kind == AssociationKind.WomensUnion ? 1 : a.Kind == AssociationKind.VeteransAssociation ? 2 : 3).ToListAsync(ct);

    public Task<Error?> Add(Association association, CancellationToken ct)
    {
        db.Add(association);
        return SaveOrConflict(ct, ("associations_commune_code_kind_key",
            Error.Conflict("association-exists", $"The commune already has an association of kind {EnumText.ToText(association.Kind)}.")));
    }

    public Task<SavingsGroup?> Group(Guid id, CancellationToken ct) =>
        db.Set<SavingsGroup>().Include(g => g.Villages).SingleOrDefaultAsync(g => g.Id == id, ct);

    public async Task<IReadOnlyList<SavingsGroup>> Groups(Guid associationId, CancellationToken ct) =>
        await db.Set<SavingsGroup>().AsNoTracking().Include(g => g.Villages).Where(g => g.AssociationId == associationId)
            .OrderBy(g => g.Name).ThenBy(g => g.Id).ToListAsync(ct);

    public Task<Error?> Add(SavingsGroup group, CancellationToken ct)
    {
        db.Add(group);
        return SaveOrConflict(ct, ("savings_groups_association_id_name_key",
            Error.Conflict("group-name-taken", "The association already has a group of that name.")));
    }

    public Task<string?> CommuneOfMember(Guid memberId, CancellationToken ct) =>
        db.Members.Where(m => m.Id == memberId).Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => h.CommuneCode).SingleOrDefaultAsync(ct);

    public Task<GroupMembership?> Membership(Guid groupId, Guid householdId, CancellationToken ct) =>
        db.Set<GroupMembership>().SingleOrDefaultAsync(m => m.GroupId == groupId && m.HouseholdId == householdId, ct);

    /// <summary>Three queries whatever the group's size: memberships, their households with members, the villages.</summary>
    public async Task<IReadOnlyList<MembershipRow>> Memberships(Guid groupId, CancellationToken ct)
    {
        var memberships = await db.Set<GroupMembership>().AsNoTracking().Where(m => m.GroupId == groupId).ToListAsync(ct);
        var ids = memberships.Select(m => m.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Include(h => h.Members).Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var villageIds = households.Values.Select(h => h.VillageId).Distinct().ToList();
        var villages = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        return memberships.Select(m => new MembershipRow(m, households[m.HouseholdId], villages[households[m.HouseholdId].VillageId]))
            .OrderBy(r => r.Household.HeadName).ThenBy(r => r.Household.Id).ToList();
    }

    public void Add(GroupMembership membership) => db.Add(membership);

    public Task<LoanRequest?> Request(Guid id, CancellationToken ct) => db.Set<LoanRequest>().SingleOrDefaultAsync(r => r.Id == id, ct);

    public Task<bool> HasOpenRequest(Guid householdId, string programme, CancellationToken ct) =>
        db.Set<LoanRequest>().AnyAsync(r => r.HouseholdId == householdId && r.ProgrammeCode == programme
            && (r.Status == LoanRequestStatus.Pending || r.Status == LoanRequestStatus.Approved), ct);

    public Task<Error?> Add(LoanRequest request, CancellationToken ct)
    {
        db.Add(request);
        // The partial unique index settles a race between two filings the check above let through.
        return SaveOrConflict(ct, ("loan_requests_one_open", LoanService.OpenRequestExists(request.ProgrammeCode)));
    }

    public async Task<IReadOnlyList<PendingRow>> Pending(Guid? groupId, Guid? associationId, CancellationToken ct)
    {
        var requests = db.Set<LoanRequest>().AsNoTracking().Where(r => r.Status == LoanRequestStatus.Pending);
        requests = groupId is { } g ? requests.Where(r => r.GroupId == g) : requests.Where(r => r.AssociationId == associationId);
        var rows = await (
            from r in requests
            join grp in db.Set<SavingsGroup>() on r.GroupId equals grp.Id
            join h in db.Households on r.HouseholdId equals h.Id
            join v in db.Villages on h.VillageId equals v.Id
            orderby r.FiledOn, r.Id
            select new { r, GroupName = grp.Name, h.HeadName, VillageId = v.Id, VillageName = v.Name }).ToListAsync(ct);
        return rows.Select(x => new PendingRow(x.r, x.GroupName, x.HeadName, x.VillageId, x.VillageName)).ToList();
    }

    public async Task<IReadOnlyList<LoanRequest>> LockRequests(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var array = ids.ToArray();
        // Two meetings deciding the same request queue here; the second then sees it decided.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM loan_requests WHERE id = ANY ({array}) ORDER BY id FOR UPDATE", ct);
        return await db.Set<LoanRequest>().Where(r => array.Contains(r.Id)).ToListAsync(ct);
    }

    public void Add(GroupMeeting meeting) => db.Add(meeting);

    public Task<GroupMeeting?> Meeting(Guid groupId, Guid? meetingId, CancellationToken ct)
    {
        var meetings = db.Set<GroupMeeting>().AsNoTracking().Where(m => m.GroupId == groupId);
        return meetingId is { } id
            ? meetings.SingleOrDefaultAsync(m => m.Id == id, ct)
            : meetings.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.CreatedAt).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<LoanRequest>> DecidedAt(Guid meetingId, CancellationToken ct) =>
        await db.Set<LoanRequest>().AsNoTracking().Where(r => r.MeetingId == meetingId).OrderBy(r => r.Id).ToListAsync(ct);

    /// <summary>The lines of the group's list: requests the meeting approved, whatever the commune did with them since.</summary>
    public async Task<IReadOnlyList<ListRow>> ApprovedAt(Guid meetingId, CancellationToken ct)
    {
        var rows = await (
            from r in db.Set<LoanRequest>().AsNoTracking()
            where r.MeetingId == meetingId && r.Status != LoanRequestStatus.Rejected
            join h in db.Households on r.HouseholdId equals h.Id
            join v in db.Villages on h.VillageId equals v.Id
            orderby v.Name, r.BorrowerName, r.Id
            select new { r, VillageName = v.Name }).ToListAsync(ct);
        return rows.Select(x => new ListRow(x.r, x.VillageName)).ToList();
    }

    public Task Save(CancellationToken ct) => db.SaveChangesAsync(ct);

    public async Task<Result<T>> InTransaction<T>(Func<Task<Result<T>>> work, CancellationToken ct)
    {
        // Inside an idempotent request the request's transaction is already open: the work joins it.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var result = await work();
        if (!result.IsSuccess)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        if (own is not null)
            await own.CommitAsync(ct);
        return result;
    }

    async Task<Error?> SaveOrConflict(CancellationToken ct, (string Constraint, Error Error) known)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                                          && pg.ConstraintName == known.Constraint)
        {
            db.ChangeTracker.Clear();
            return known.Error;
        }
    }
}
