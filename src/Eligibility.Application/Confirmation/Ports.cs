using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Eligibility.Domain.Confirmation;

namespace Eligibility.Application.Confirmation;

/// <summary>An approved loan request the commune may put on a list, with what its line will show.</summary>
public sealed record CandidateRequest(
    Guid RequestId,
    Guid HouseholdId,
    string ProvinceCode,
    Guid GroupId,
    Guid AssociationId,
    Guid BorrowerMemberId,
    string BorrowerName,
    Guid VillageId,
    string VillageName,
    string Programme,
    decimal Amount,
    string Purpose,
    int TermMonths);

/// <summary>A stored list with what is not part of the aggregate: its version (the ETag), its correction and creation time.</summary>
public sealed record StoredList(ConfirmationList List, uint Version, Guid? ReplacedBy, DateTimeOffset CreatedAt);

/// <summary>What a change did, for the store to write: one line decided, or the list signed.</summary>
public abstract record ListChange
{
    public sealed record LineDecided(ConfirmationLine Line) : ListChange;
    public sealed record Signed(ListSignature Signature) : ListChange;
}

public sealed record ListsQuery(string CommuneCode, IReadOnlySet<Guid>? OnlyAssociations, PageRequest Page);

public interface IConfirmationStore
{
    /// <summary>The commune's approved requests not on another draft list, plus the requests on <paramref name="replaces"/>;
    /// ordered by village name, borrower name.</summary>
    Task<IReadOnlyList<CandidateRequest>> Candidates(string communeCode, string? programme, Guid? replaces, CancellationToken ct);

    /// <summary>Stores a new draft list, in one transaction that first checks each request is still a candidate
    /// (409 otherwise) and that the replaced list has no other correction (409).</summary>
    Task<Result<StoredList>> Create(ConfirmationList list, string createdBy, DateTimeOffset now, CancellationToken ct);

    /// <summary>The list, with its lines (every line, or only those of <paramref name="onlyAssociations"/>), or without any.</summary>
    Task<StoredList?> Find(Guid id, bool withLines, IReadOnlySet<Guid>? onlyAssociations, CancellationToken ct);

    /// <summary>
    /// Locks the list, hands it with its current version to <paramref name="change"/>, writes what the change did (a line
    /// decided; or the signature, moving the requests to confirmed or refused) and answers the list as stored after it.
    /// </summary>
    Task<Result<StoredList>> Change(Guid id, Func<StoredList, Result<ListChange>> change, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Locks the list, hands it with its current version to <paramref name="refusal"/> and, unless refused, deletes it with
    /// its lines (their requests become candidates again) and records what was deleted, in one transaction.
    /// </summary>
    Task<Result<StoredList>> Discard(Guid id, Func<StoredList, Error?> refusal, CancellationToken ct);

    Task<Paged<ConfirmationListSummary>> OfCommune(ListsQuery query, CancellationToken ct);

    /// <summary>Whether any of these associations belongs to the commune.</summary>
    Task<bool> AnyAssociationIn(string communeCode, IReadOnlySet<Guid> associations, CancellationToken ct);

    /// <summary>The lines in STT order, read as they are sent (for exports).</summary>
    IAsyncEnumerable<ConfirmationLine> StreamLines(Guid listId, IReadOnlySet<Guid>? onlyAssociations, CancellationToken ct);
}
