using System.Runtime.CompilerServices;
using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Application.Policy;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Confirmation;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Confirmation;

/// <summary>
/// Commune confirmation lists (domain.md §7.3): compiled from the approved requests with every household's eligibility
/// re-checked on one date, each line confirmed or refused, then signed; a signed list never changes.
/// Officials of the commune do all of it; an association officer reads the lines of its own groups.
/// </summary>
public sealed class ConfirmationService(
    IConfirmationStore store, IEligibilityStore eligibility, IUnitStore units, IPolicyCatalog catalog, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<ConfirmationListResponse>> Compile(string communeCode, CompileListRequest request, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(communeCode) || await units.Commune(communeCode, ct) is not { } commune)
            return Error.NotFound("Commune");
        var today = clock.Today();
        var asOf = request.AsOf ?? today;
        if (asOf > today)
            return Error.Invalid("asOf", $"asOf cannot be in the future (today is {today:yyyy-MM-dd}): eligibility is re-checked on recognised statuses.");

        var policy = await catalog.Load(ct);
        if (request.Programme is { } code && policy.Programme(code) is null)
            return Error.Invalid("programme", $"'{code}' is not a programme; use one of {string.Join(", ", policy.Programmes.Select(p => p.Code))}.");

        if (request.Replaces is { } replacedId)
        {
            // Another commune's list is indistinguishable from a missing one.
            if (await store.Find(replacedId, withLines: false, null, ct) is not { } replaced || replaced.List.CommuneCode != communeCode)
                return new Error(ErrorKind.NotFound, "not-found", "The list to replace was not found.", "replaces");
            if (replaced.List.Status != ConfirmationListStatus.Signed)
                return Error.Conflict("replaced-not-signed", "Only a signed list is corrected by a new one; change this draft instead.");
            if (replaced.ReplacedBy is { } by)
                return Error.Conflict("already-replaced", $"The list {replacedId} is already corrected by the list {by}; correct that one instead.");
        }

        var candidates = await store.Candidates(communeCode, request.Programme, request.Replaces, ct);
        // One round trip for every household's facts, then the engine in memory: no query per line.
        var facts = (await eligibility.Facts(candidates.Select(c => c.HouseholdId).Distinct().ToList(), ct)).ToDictionary(f => f.HouseholdId);
        var lines = candidates.Select((c, i) => Line(c, i + 1, facts.GetValueOrDefault(c.HouseholdId), asOf, policy)).ToList();

        var list = ConfirmationList.Restore(Guid.CreateVersion7(), communeCode, commune.ProvinceCode, request.Programme, asOf, request.Replaces, null, lines);
        var stored = await store.Create(list, user.Subject, clock.Now(), ct);
        return stored.Map(s => s.ToResponse());
    }

    static ConfirmationLine Line(CandidateRequest c, int stt, HouseholdEligibilityFacts? facts, DateOnly asOf, PolicySet policy)
    {
        Classification? category = null;
        List<LineFlag> flags = [];
        if (facts is null)
            flags.Add(new LineFlag("household-not-found", "Không tìm thấy hộ gia đình.", "The household was not found."));
        else
        {
            var answer = EligibilityEngine.Evaluate(
                new EligibilityQuery(asOf, facts.AreaType, facts.EspeciallyDifficultArea, facts.Statuses, facts.Members.Select(m => m.Profile).ToList()),
                policy.Standards, policy.Programmes);
            category = answer.StatusInForce?.Classification;
            var programme = answer.Programmes.FirstOrDefault(p => p.Code == c.Programme);
            if (programme is null)
                flags.Add(new LineFlag("unknown-programme", $"Chương trình {c.Programme} không còn.", $"The programme {c.Programme} no longer exists."));
            else if (programme.Members is { } members)
            {
                // job-creation is answered per member: the borrower's own answer decides the line.
                var index = facts.Members.Select(m => m.MemberId).ToList().IndexOf(c.BorrowerMemberId);
                if (index < 0)
                    flags.Add(new LineFlag("borrower-not-member", "Người vay không còn là thành viên của hộ.", "The borrower is no longer a member of the household."));
                else if (members.FirstOrDefault(m => m.Index == index) is { Eligible: false } member)
                    flags.AddRange(member.Reasons.Select(r => new LineFlag(r.Code, r.MessageVi, r.MessageEn)));
            }
            else if (!programme.Eligible)
                flags.AddRange(programme.Reasons.Select(r => new LineFlag(r.Code, r.MessageVi, r.MessageEn)));
        }
        return new ConfirmationLine
        {
            Id = Guid.CreateVersion7(), Stt = stt, RequestId = c.RequestId, HouseholdId = c.HouseholdId, ProvinceCode = c.ProvinceCode,
            GroupId = c.GroupId, AssociationId = c.AssociationId, BorrowerName = c.BorrowerName, VillageId = c.VillageId,
            VillageName = c.VillageName, Category = category, Programme = c.Programme, Amount = c.Amount, Purpose = c.Purpose,
            TermMonths = c.TermMonths, Flags = flags,
        };
    }

    public async Task<Result<ConfirmationListResponse>> Get(Guid id, CancellationToken ct) =>
        await Readable(id, withLines: true, ct) is { } stored ? stored.ToResponse() : Error.NotFound("Confirmation list");

    /// <summary>The list for export: its header now, its lines streamed as the file is written.</summary>
    public async Task<Result<ExportTable>> Export(Guid id, CancellationToken ct)
    {
        if (await Readable(id, withLines: false, ct) is not { } stored)
            return Error.NotFound("Confirmation list");
        var policy = await catalog.Load(ct);
        var title = $"Danh sách xác nhận {stored.List.CommuneCode}";
        return new ExportTable(title, ConfirmationExport.Headings, Rows(store.StreamLines(id, AssociationFilter(), ct), policy, ct));
    }

    static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IAsyncEnumerable<ConfirmationLine> lines, PolicySet policy,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in lines.WithCancellation(ct))
            yield return ConfirmationExport.Row(line, policy.Programme(line.Programme)?.NameVi ?? line.Programme);
    }

    public async Task<Result<Paged<ConfirmationListSummary>>> OfCommune(string communeCode, PageRequest page, CancellationToken ct)
    {
        var associations = AssociationFilter();
        var allowed = associations is null
            ? user.MayAccessHouseholdsOf(communeCode)
            : associations.Count > 0 && await store.AnyAssociationIn(communeCode, associations, ct);
        if (!allowed || await units.Commune(communeCode, ct) is null)
            return Error.NotFound("Commune");
        return await store.OfCommune(new ListsQuery(communeCode, associations, page), ct);
    }

    public async Task<Result<ConfirmationListResponse>> Decide(Guid id, Guid lineId, LineDecisionRequest request, uint expectedVersion, CancellationToken ct)
    {
        var changed = await store.Change(id, stored =>
        {
            if (Refusal(stored, expectedVersion) is { } refused)
                return refused;
            return stored.List.Decide(lineId, request.Result, request.Reason).Map(ListChange (line) => new ListChange.LineDecided(line));
        }, clock.Now(), ct);
        return changed.Map(s => s.ToResponse());
    }

    public async Task<Result<ConfirmationListResponse>> Sign(Guid id, SignListRequest request, uint? expectedVersion, CancellationToken ct)
    {
        var now = clock.Now();
        var changed = await store.Change(id, stored =>
        {
            if (Refusal(stored, expectedVersion) is { } refused)
                return refused;
            return stored.List.Sign(request.Number.Trim(), request.Date, request.Signer.Trim(), now).Map(ListChange (s) => new ListChange.Signed(s));
        }, now, ct);
        return changed.Map(s => s.ToResponse());
    }

    /// <summary>
    /// Deletes a draft list (compiled on the wrong date or programme, or abandoned): its requests are free for a new list.
    /// A signed list is evidence and is never deleted (409).
    /// </summary>
    public async Task<Result<Guid>> Discard(Guid id, uint expectedVersion, CancellationToken ct) =>
        (await store.Discard(id, stored => Refusal(stored, expectedVersion), ct)).Map(s => s.List.Id);

    /// <summary>In this order: not the caller's commune (404), signed (409 whatever the ETag), stale (412).</summary>
    Error? Refusal(StoredList stored, uint? expectedVersion)
    {
        if (!user.MayAccessHouseholdsOf(stored.List.CommuneCode))
            return Error.NotFound("Confirmation list");
        if (stored.List.RefuseIfSigned() is { } signed)
            return signed;
        return expectedVersion is { } expected ? Concurrency.Check(stored.Version, expected, "confirmation list") : null;
    }

    /// <summary>Null: every line (a commune official); otherwise the associations whose lines the caller may read.</summary>
    IReadOnlySet<Guid>? AssociationFilter() => user.Role == Roles.AssociationOfficer ? user.Associations : null;

    async Task<StoredList?> Readable(Guid id, bool withLines, CancellationToken ct)
    {
        var associations = AssociationFilter();
        var stored = await store.Find(id, withLines || associations is not null, associations, ct);
        if (stored is null)
            return null;
        if (associations is null)
            return user.MayAccessHouseholdsOf(stored.List.CommuneCode) ? stored : null;
        // An association officer reads a list only when it holds lines of its own groups, and only those lines.
        return stored.List.Lines.Count > 0 ? stored : null;
    }
}
