using Eligibility.Application.Common;

namespace Eligibility.Application.Audit;

/// <summary>Who is acting and through which operation, for the audit trail.</summary>
public interface IAuditActor
{
    string Subject { get; }
    string Role { get; }

    /// <summary>The method and route template ("PUT /api/v1/households/{id:guid}"), never the concrete URL with its values.</summary>
    string? Operation { get; }
}

/// <summary>A read of personal data: which entity, and which records the response carried.</summary>
public sealed record PersonalDataRead(string Entity, string? EntityId, IReadOnlyList<string>? IdsRead, string? CommuneCode, string? ProvinceCode);

public interface IAuditLog
{
    Task RecordRead(PersonalDataRead read, CancellationToken ct);

    Task<AuditPage> Find(AuditQuery query, CancellationToken ct);

    /// <summary>
    /// Walks the chain in id order, recomputing every hash: from <paramref name="anchor"/>'s entry (which must still
    /// have the hash the checkpoint signed), or from the first entry when <paramref name="fromStart"/> (passing the
    /// anchor's entry, if any, is checked the same way).
    /// </summary>
    Task<ChainVerification> Verify(CheckpointResponse? anchor, bool fromStart, CancellationToken ct);
}

/// <summary>Signed checkpoints of the chain, kept where the database cannot reach (README, "Audit trail").</summary>
public interface IAuditCheckpoints
{
    /// <summary>Signs the checkpoint and writes it once; an existing checkpoint is never overwritten.</summary>
    Task<CheckpointResponse> Append(AuditCheckpoint checkpoint, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<Paged<CheckpointResponse>> List(PageRequest page, CancellationToken ct);

    /// <summary>The newest checkpoint whose signature verifies, if any.</summary>
    Task<CheckpointResponse?> NewestValid(CancellationToken ct);
}
