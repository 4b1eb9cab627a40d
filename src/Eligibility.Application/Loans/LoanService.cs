using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Loans;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Loans;

/// <summary>
/// Trustee associations, their Savings and Loan Groups and members, loan requests (Mẫu 01/TD), group meetings
/// (bình xét) and the group's list (Mẫu 03/TD). Officers of an association manage its groups; officials of the commune
/// read them; anyone else gets 404, as if nothing existed.
/// </summary>
public sealed class LoanService(
    ILoanStore store, IHouseholdStore households, IEligibilityStore eligibility, IUnitStore units, IPolicyCatalog catalog,
    ICurrentUser user, TimeProvider clock)
{
    // ---- Associations ----

    public async Task<Result<AssociationResponse>> CreateAssociation(string communeCode, CreateAssociationRequest request, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(communeCode) || await units.Commune(communeCode, ct) is not { } commune)
            return Error.NotFound("Commune");
        var association = Domain.Loans.Association.Create(Guid.CreateVersion7(), commune.ProvinceCode, commune.Code, request.Kind,
            request.Name ?? Domain.Loans.Association.DefaultName(request.Kind), clock.Now());
        return await store.Add(association, ct) is { } error ? error : association.ToResponse();
    }

    public async Task<Result<IReadOnlyList<AssociationResponse>>> Associations(string communeCode, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(communeCode) || await units.Commune(communeCode, ct) is null)
            return Error.NotFound("Commune");
        return (await store.Associations(communeCode, ct)).Select(a => a.ToResponse()).ToList();
    }

    public async Task<Result<AssociationResponse>> Association(Guid id, CancellationToken ct) =>
        (await ReadableAssociation(id, ct)).Map(a => a.ToResponse());

    // ---- Groups and membership ----

    public async Task<Result<GroupResponse>> CreateGroup(Guid associationId, CreateGroupRequest request, CancellationToken ct)
    {
        if (!user.MayManageAssociation(associationId) || await store.Association(associationId, ct) is not { } association)
            return Error.NotFound("Association");
        var errors = new List<Error>();
        foreach (var (villageId, i) in request.VillageIds.Select((v, i) => (v, i)))
            if (await units.FindVillage(villageId, ct) is not { } village || village.CommuneCode != association.CommuneCode)
                errors.Add(new Error(ErrorKind.Unprocessable, "village-not-in-commune",
                    $"Village {villageId} is not a village of the association's commune {association.CommuneCode}.", $"villageIds[{i}]"));
        if (request.LeaderMemberId is { } leader && await store.CommuneOfMember(leader, ct) != association.CommuneCode)
            errors.Add(new Error(ErrorKind.Unprocessable, "leader-not-in-commune",
                "The leader is not a member of a household of the association's commune.", "leaderMemberId"));
        if (errors.Count > 0)
            return Result<GroupResponse>.Failure(errors);

        var group = SavingsGroup.Create(Guid.CreateVersion7(), association, request.Name, request.VillageIds, request.LeaderName,
            request.LeaderMemberId, clock.Now());
        return await store.Add(group, ct) is { } error ? error : group.ToResponse();
    }

    public async Task<Result<IReadOnlyList<GroupResponse>>> Groups(Guid associationId, CancellationToken ct)
    {
        var association = await ReadableAssociation(associationId, ct);
        if (!association.IsSuccess)
            return Result<IReadOnlyList<GroupResponse>>.Failure(association.Errors);
        return (await store.Groups(associationId, ct)).Select(g => g.ToResponse()).ToList();
    }

    public async Task<Result<GroupResponse>> Group(Guid id, CancellationToken ct) =>
        (await ReadableGroup(id, ct)).Map(g => g.ToResponse());

    public async Task<Result<MembershipResponse>> Join(Guid groupId, JoinGroupRequest request, CancellationToken ct)
    {
        var found = await ManagedGroup(groupId, ct);
        if (!found.IsSuccess)
            return Result<MembershipResponse>.Failure(found.Errors);
        var group = found.Value;
        // A household of another commune is, to an association of this one, a household that does not exist.
        if (await households.Find(request.HouseholdId, ct) is not { } household || household.CommuneCode != group.CommuneCode)
            return Error.NotFound("Household");
        if (!group.Serves(household.VillageId))
            return new Error(ErrorKind.Unprocessable, "village-not-served",
                "The household's village is not one of the group's villages.", "householdId");
        if (request.JoinedOn > clock.Today())
            return Error.Invalid("joinedOn", "The date cannot be in the future.");
        if (await store.Membership(groupId, household.Id, ct) is not null)
            return Error.Conflict("already-member", "The household is or was a member of this group.");

        var membership = GroupMembership.Join(groupId, household.Id, household.ProvinceCode, request.JoinedOn);
        store.Add(membership);
        await store.Save(ct);
        return await MembershipOf(groupId, household.Id, ct);
    }

    public async Task<Result<MembershipResponse>> Leave(Guid groupId, Guid householdId, LeaveGroupRequest request, CancellationToken ct)
    {
        var found = await ManagedGroup(groupId, ct);
        if (!found.IsSuccess)
            return Result<MembershipResponse>.Failure(found.Errors);
        if (await store.Membership(groupId, householdId, ct) is not { } membership)
            return Error.NotFound("Membership");
        if (request.LeftOn > clock.Today())
            return Error.Invalid("leftOn", "The date cannot be in the future.");
        var left = membership.Leave(request.LeftOn);
        if (!left.IsSuccess)
            return Result<MembershipResponse>.Failure(left.Errors);
        await store.Save(ct);
        return await MembershipOf(groupId, householdId, ct);
    }

    public async Task<Result<IReadOnlyList<MembershipResponse>>> Memberships(Guid groupId, CancellationToken ct)
    {
        var group = await ReadableGroup(groupId, ct);
        if (!group.IsSuccess)
            return Result<IReadOnlyList<MembershipResponse>>.Failure(group.Errors);
        return (await store.Memberships(groupId, ct)).Select(m => m.ToResponse(RevealPersonalData)).ToList();
    }

    async Task<Result<MembershipResponse>> MembershipOf(Guid groupId, Guid householdId, CancellationToken ct) =>
        (await store.Memberships(groupId, ct)).Single(m => m.Household.Id == householdId).ToResponse(RevealPersonalData);

    /// <summary>Officials see dates of birth and ID numbers; association officers the year of birth and a masked number.</summary>
    bool RevealPersonalData => user.Role == Roles.CommuneOfficial;

    // ---- Loan requests ----

    public async Task<Result<LoanRequestResponse>> File(Guid groupId, CreateLoanRequest request, CancellationToken ct)
    {
        var found = await ManagedGroup(groupId, ct);
        if (!found.IsSuccess)
            return Result<LoanRequestResponse>.Failure(found.Errors);
        var group = found.Value;
        if (await households.Find(request.HouseholdId, ct) is not { } household || household.CommuneCode != group.CommuneCode)
            return Error.NotFound("Household");
        if (request.FiledOn > clock.Today())
            return Error.Invalid("filedOn", "The filing date cannot be in the future.");
        var policy = await catalog.Load(ct);
        if (policy.Programme(request.Programme) is not { } programme)
            return Error.Invalid("programme", $"'{request.Programme}' is not a programme; see GET /api/v1/programmes.");
        if (household.Members.FirstOrDefault(m => m.Id == request.BorrowerMemberId) is not { } borrower)
            return new Error(ErrorKind.Unprocessable, "borrower-not-in-household", "The borrower is not a member of the household.", "borrowerMemberId");
        if (await store.Membership(groupId, household.Id, ct) is not { } membership || !membership.IsMemberOn(request.FiledOn))
            return new Error(ErrorKind.Unprocessable, "household-not-in-group",
                $"The household is not a member of the group on {request.FiledOn:yyyy-MM-dd}.", "householdId");

        // The same engine as GET /households/{id}/eligibility, on the filing date.
        var facts = (await eligibility.Facts([household.Id], ct)).Single();
        var answer = EligibilityService.Evaluate(facts, request.FiledOn, policy);
        var programmeAnswer = answer.Programmes.Single(p => p.Code == programme.Code);
        (bool, IReadOnlyList<Reason>)? borrowerAnswer = null;
        if (programmeAnswer.Members is { } memberAnswers)
        {
            int index = facts.Members.ToList().FindIndex(m => m.MemberId == borrower.Id);
            var mine = memberAnswers.Single(m => m.Index == index);
            borrowerAnswer = (mine.Eligible, mine.Reasons);
        }

        var filed = LoanRequest.File(Guid.CreateVersion7(), group, household.Id, household.ProvinceCode, borrower.Id, borrower.FullName,
            borrower.DateOfBirth, new LoanTerms(programme.Code, request.Amount, request.Purpose, request.TermMonths, request.FiledOn),
            programmeAnswer, borrowerAnswer, answer.StatusInForce?.Classification, answer.StatusInForce?.EffectiveDate, clock.Now());
        var errors = filed.IsSuccess ? [] : filed.Errors.ToList();
        if (await store.HasOpenRequest(household.Id, programme.Code, ct))
            errors.Add(OpenRequestExists(programme.Code));
        if (errors.Count > 0)
            return Result<LoanRequestResponse>.Failure(errors);

        return await store.Add(filed.Value, ct) is { } error ? error : filed.Value.ToResponse();
    }

    public static Error OpenRequestExists(string programme) => new(ErrorKind.Unprocessable, "open-request-exists",
        $"The household already has an open (pending or approved) request for {programme}.", "programme");

    public async Task<Result<LoanRequestResponse>> Request(Guid id, CancellationToken ct) =>
        (await store.Request(id, ct) is { } r && MayRead(r.CommuneCode, r.AssociationId) ? r : Result<LoanRequest>.Failure(Error.NotFound("Loan request")))
            .Map(r => r.ToResponse());

    /// <summary>
    /// Withdraws a pending request; with <paramref name="expectedVersion"/> (If-Match) only the version the caller read.
    /// A meeting deciding the request meanwhile makes the save fail on the row version: 409, the decision stands.
    /// </summary>
    public async Task<Result<LoanRequestResponse>> Withdraw(Guid id, uint? expectedVersion, CancellationToken ct)
    {
        if (await store.Request(id, ct) is not { } request || !MayRead(request.CommuneCode, request.AssociationId))
            return Error.NotFound("Loan request");
        if (!user.MayManageAssociation(request.AssociationId))
            return Error.Conflict("not-the-association", "Only an officer of the group's association records a withdrawal.");
        if (expectedVersion is { } expected && Concurrency.Check(request.Version, expected, "loan request") is { } stale)
            return stale;
        var withdrawn = request.Withdraw(clock.Now());
        if (!withdrawn.IsSuccess)
            return Result<LoanRequestResponse>.Failure(withdrawn.Errors);
        await store.Save(ct);
        return request.ToResponse();
    }

    /// <summary>
    /// What the next meeting must review, each with the household's eligibility for the programme today: one query for
    /// the requests, one round trip for the households' facts, the engine in memory once per household.
    /// </summary>
    public async Task<Result<IReadOnlyList<PendingRequestResponse>>> PendingOfGroup(Guid groupId, ReasonLanguage language, CancellationToken ct)
    {
        var group = await ReadableGroup(groupId, ct);
        return group.IsSuccess
            ? Result<IReadOnlyList<PendingRequestResponse>>.Success(await WithCurrentEligibility(await store.Pending(groupId, null, ct), language, ct))
            : Result<IReadOnlyList<PendingRequestResponse>>.Failure(group.Errors);
    }

    public async Task<Result<IReadOnlyList<PendingRequestResponse>>> PendingOfAssociation(Guid associationId, ReasonLanguage language, CancellationToken ct)
    {
        var association = await ReadableAssociation(associationId, ct);
        return association.IsSuccess
            ? Result<IReadOnlyList<PendingRequestResponse>>.Success(await WithCurrentEligibility(await store.Pending(null, associationId, ct), language, ct))
            : Result<IReadOnlyList<PendingRequestResponse>>.Failure(association.Errors);
    }

    async Task<IReadOnlyList<PendingRequestResponse>> WithCurrentEligibility(IReadOnlyList<PendingRow> rows, ReasonLanguage language, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];
        var today = clock.Today();
        var policy = await catalog.Load(ct);
        var facts = (await eligibility.Facts(rows.Select(r => r.Request.HouseholdId).Distinct().ToList(), ct)).ToDictionary(f => f.HouseholdId);
        var answers = facts.ToDictionary(f => f.Key, f => EligibilityService.Evaluate(f.Value, today, policy));
        return rows.Select(row =>
        {
            var r = row.Request;
            var current = CurrentFor(r, facts[r.HouseholdId], answers[r.HouseholdId], today, language);
            return new PendingRequestResponse(r.Id, r.GroupId, row.GroupName, r.HouseholdId, row.HeadName, row.VillageId, row.VillageName,
                r.BorrowerMemberId, r.BorrowerName, r.ProgrammeCode, r.Amount, r.Purpose, r.TermMonths, r.FiledOn, r.Eligibility.Eligible, current);
        }).ToList();
    }

    static CurrentEligibilityResponse CurrentFor(LoanRequest request, HouseholdEligibilityFacts facts, EligibilityAnswer answer, DateOnly today,
        ReasonLanguage language)
    {
        if (answer.Programmes.FirstOrDefault(p => p.Code == request.ProgrammeCode) is not { } programme)
            return new(today, false, []);
        bool eligible = programme.Eligible;
        IEnumerable<Reason> reasons = programme.Reasons;
        if (programme.Members is { } members)
        {
            int index = facts.Members.ToList().FindIndex(m => m.MemberId == request.BorrowerMemberId);
            var mine = members.FirstOrDefault(m => m.Index == index);
            eligible = mine?.Eligible ?? false;
            reasons = reasons.Concat(mine?.Reasons ?? []);
        }
        return new(today, eligible, reasons.Select(r => r.ToResponse(language)).ToList());
    }

    // ---- Meetings and the group's list ----

    /// <summary>Records the meeting and every decision in one transaction: one decision that cannot be made stores nothing.</summary>
    public async Task<Result<MeetingResponse>> RecordMeeting(Guid groupId, CreateMeetingRequest request, CancellationToken ct)
    {
        var found = await ManagedGroup(groupId, ct);
        if (!found.IsSuccess)
            return Result<MeetingResponse>.Failure(found.Errors);
        if (request.HeldOn > clock.Today())
            return Error.Invalid("heldOn", "The meeting date cannot be in the future.");
        var now = clock.Now();
        var meeting = GroupMeeting.Record(Guid.CreateVersion7(), found.Value, request.HeldOn, request.Attendees, request.MembersTotal, request.ChairedBy, now);

        return await store.InTransaction(async () =>
        {
            var requests = (await store.LockRequests(request.Decisions.Select(d => d.RequestId).ToList(), ct)).ToDictionary(r => r.Id);
            var decided = new List<MeetingDecisionResponse>();
            foreach (var decision in request.Decisions)
            {
                // A request of another group (or none at all) is named, never described.
                if (!requests.TryGetValue(decision.RequestId, out var loan) || loan.GroupId != groupId)
                    return Error.Conflict("request-not-pending", $"Loan request {decision.RequestId} is not pending in this group.");
                var result = loan.Decide(meeting, decision.Decision == MeetingDecisionKind.Approved, decision.Reason, now);
                if (!result.IsSuccess)
                    return Result<MeetingResponse>.Failure(result.Errors);
                decided.Add(new MeetingDecisionResponse(loan.Id, loan.Status, loan.DecisionReason));
            }
            store.Add(meeting);
            await store.Save(ct);
            return meeting.ToResponse(decided);
        }, ct);
    }

    public async Task<Result<GroupListResponse>> GroupList(Guid groupId, Guid? meetingId, CancellationToken ct)
    {
        var found = await ReadableGroup(groupId, ct);
        if (!found.IsSuccess)
            return Result<GroupListResponse>.Failure(found.Errors);
        var group = found.Value;
        if (await store.Meeting(groupId, meetingId, ct) is not { } meeting)
            return Error.NotFound("Meeting");
        var association = (await store.Association(group.AssociationId, ct))!;
        var policy = await catalog.Load(ct);
        var lines = (await store.ApprovedAt(meeting.Id, ct)).Select((row, i) => new GroupListLine(
            i + 1, row.Request.Id, row.Request.HouseholdId, row.Request.BorrowerName, row.VillageName, Category(row.Request.ProgrammeCode),
            row.Request.ProgrammeCode, policy.Programme(row.Request.ProgrammeCode)?.NameVi ?? row.Request.ProgrammeCode, row.Request.Amount,
            row.Request.Purpose, row.Request.TermMonths, row.Request.Status)).ToList();
        return new GroupListResponse(group.Id, group.Name, association.Id, association.Name, group.CommuneCode, meeting.Id, meeting.HeldOn,
            meeting.Attendees, meeting.MembersTotal, meeting.ChairedBy, lines);
    }

    /// <summary>Đối tượng on Mẫu 03/TD: the target group of the programme.</summary>
    static string Category(string programme) => programme switch
    {
        ProgrammeCodes.PoorHousehold => "Hộ nghèo",
        ProgrammeCodes.NearPoorHousehold => "Hộ cận nghèo",
        ProgrammeCodes.NewlyEscapedHousehold => "Hộ mới thoát nghèo",
        // Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg names the students of these households.
        ProgrammeCodes.Income150 => "Học sinh, sinh viên thuộc hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình",
        ProgrammeCodes.JobCreation => "Người lao động",
        _ => programme,
    };

    // ---- Scope ----

    bool MayRead(string communeCode, Guid associationId) =>
        user.MayAccessHouseholdsOf(communeCode) || user.MayManageAssociation(associationId);

    async Task<Result<Association>> ReadableAssociation(Guid id, CancellationToken ct) =>
        await store.Association(id, ct) is { } a && MayRead(a.CommuneCode, a.Id) ? a : Error.NotFound("Association");

    async Task<Result<SavingsGroup>> ReadableGroup(Guid id, CancellationToken ct) =>
        await store.Group(id, ct) is { } g && MayRead(g.CommuneCode, g.AssociationId) ? g : Error.NotFound("Group");

    async Task<Result<SavingsGroup>> ManagedGroup(Guid id, CancellationToken ct) =>
        await store.Group(id, ct) is { } g && user.MayManageAssociation(g.AssociationId) ? g : Error.NotFound("Group");
}
