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

    /// <summary>Walks the whole chain in id order, recomputing every hash.</summary>
    Task<ChainVerification> Verify(CancellationToken ct);
}
