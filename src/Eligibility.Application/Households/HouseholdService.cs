using Eligibility.Application.Common;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;

namespace Eligibility.Application.Households;

/// <summary>The registry's use cases: register, find and correct households and their members.</summary>
public sealed class HouseholdService(IHouseholdStore households, HouseholdScope scope, IUnitStore units, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<HouseholdResponse>> Create(CreateHouseholdRequest request, CancellationToken ct)
    {
        var commune = await units.Commune(request.CommuneCode, ct);
        if (commune is null)
            return Error.Invalid("communeCode", $"Commune {request.CommuneCode} does not exist.");
        if (!user.MayAccessHouseholdsOf(commune.Code))
            return new Error(ErrorKind.NotFound, "commune-not-in-scope", $"You do not register households of commune {commune.Code}.", "communeCode");

        var village = await units.FindVillage(request.VillageId, ct);
        if (village is null || village.CommuneCode != commune.Code)
            return Error.Invalid("villageId", $"Village {request.VillageId} is not a village of commune {commune.Code}.");

        if (await PersonalIdTaken(request.Members.Select((m, i) => (m.PersonalId, $"members[{i}].personalId")), null, ct) is { } taken)
            return taken;

        var registered = Household.Register(Guid.CreateVersion7(), commune.ProvinceCode, commune.Code, village.Id, request.Address,
            request.Members.Select(m => (Guid.CreateVersion7(), m.ToFacts())).ToList(), clock.Now());
        if (!registered.IsSuccess)
            return Result<HouseholdResponse>.Failure(registered.Errors);

        households.Add(registered.Value);
        return await households.Save(registered.Value, 0, ct) is { } error ? error : registered.Value.ToResponse(village.Name);
    }

    public async Task<Result<HouseholdResponse>> Get(Guid id, CancellationToken ct)
    {
        var found = await scope.Find(id, ct);
        return found.IsSuccess ? await Respond(found.Value, ct) : Result<HouseholdResponse>.Failure(found.Errors);
    }

    public async Task<Result<Paged<HouseholdSummary>>> List(HouseholdListQuery query, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(query.CommuneCode) || await units.Commune(query.CommuneCode, ct) is null)
            return Error.NotFound("Commune");
        return await households.List(query, ct);
    }

    public async Task<Result<HouseholdResponse>> Update(Guid id, UpdateHouseholdRequest request, uint expectedVersion, CancellationToken ct) =>
        await Change(id, expectedVersion, async Task<IReadOnlyList<Error>> (h) =>
        {
            var village = await units.FindVillage(request.VillageId, ct);
            if (village is null || village.CommuneCode != h.CommuneCode)
                return [Error.Invalid("villageId", $"Village {request.VillageId} is not a village of commune {h.CommuneCode}.")];
            return h.Update(request.VillageId, request.Address, request.HeadMemberId, request.FormerHeadRelationship, clock.Now()).Errors;
        }, ct);

    public async Task<Result<HouseholdResponse>> AddMember(Guid id, MemberRequest request, uint expectedVersion, CancellationToken ct) =>
        await Change(id, expectedVersion, async h =>
            await PersonalIdTaken([(request.PersonalId, "personalId")], h.Id, ct) is { } taken
                ? [taken]
                : h.AddMember(Guid.CreateVersion7(), request.ToFacts(), clock.Now()).Errors, ct);

    public async Task<Result<HouseholdResponse>> UpdateMember(Guid id, Guid memberId, MemberRequest request, uint expectedVersion, CancellationToken ct) =>
        await Change(id, expectedVersion, async h =>
            await PersonalIdTaken([(request.PersonalId, "personalId")], h.Id, ct) is { } taken
                ? [taken]
                : h.UpdateMember(memberId, request.ToFacts(), clock.Now()).Errors, ct);

    public async Task<Result<HouseholdResponse>> RemoveMember(Guid id, Guid memberId, uint expectedVersion, CancellationToken ct) =>
        await Change(id, expectedVersion, h => Task.FromResult(h.RemoveMember(memberId, clock.Now()).Errors), ct);

    /// <summary>The household a personal ID number is recorded in, if the caller may see it.</summary>
    public async Task<Result<HouseholdResponse>> FindByPersonalId(string personalId, CancellationToken ct)
    {
        var holder = (await households.FindHolders([personalId], ct)).FirstOrDefault();
        if (holder is null || !user.MayAccessHouseholdsOf(holder.CommuneCode))
            return new Error(ErrorKind.NotFound, "not-found", "No household in your communes has a member with this personal ID number.");
        return await Get(holder.HouseholdId, ct);
    }

    async Task<Result<HouseholdResponse>> Change(Guid id, uint expectedVersion, Func<Household, Task<IReadOnlyList<Error>>> change, CancellationToken ct)
    {
        var found = await scope.Find(id, ct);
        if (!found.IsSuccess)
            return Result<HouseholdResponse>.Failure(found.Errors);
        var household = found.Value;
        if (Concurrency.Check(household.Version, expectedVersion, "household") is { } stale)
            return stale;

        var errors = await change(household);
        if (errors.Count > 0)
            return Result<HouseholdResponse>.Failure(errors);
        return await households.Save(household, expectedVersion, ct) is { } error ? error : await Respond(household, ct);
    }

    async Task<Result<HouseholdResponse>> Respond(Household household, CancellationToken ct)
    {
        var village = await units.FindVillage(household.VillageId, ct);
        return household.ToResponse(village?.Name ?? "");
    }

    async Task<Error?> PersonalIdTaken(IEnumerable<(string? PersonalId, string Field)> candidates, Guid? ownHousehold, CancellationToken ct)
    {
        var wanted = candidates.Where(c => !string.IsNullOrEmpty(c.PersonalId)).ToList();
        if (wanted.Count == 0)
            return null;
        var holders = await households.FindHolders(wanted.Select(w => w.PersonalId!).ToList(), ct);
        var other = holders.FirstOrDefault(h => h.HouseholdId != ownHousehold);
        if (other is null)
            return null;
        var field = wanted.First(w => w.PersonalId == other.PersonalId).Field;
        return PersonalIdConflict(other, field);
    }

    Error PersonalIdConflict(PersonalIdHolder holder, string field) =>
        // Name the other household only to someone allowed to read it.
        new(ErrorKind.Conflict, "personal-id-in-another-household", user.MayAccessHouseholdsOf(holder.CommuneCode)
            ? $"This personal ID number is already recorded for a member of household {holder.HouseholdId}."
            : "This personal ID number is already recorded for a member of another household.", field);
}
