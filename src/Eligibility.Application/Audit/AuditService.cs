using Eligibility.Application.Common;
using Eligibility.Domain.Common;

namespace Eligibility.Application.Audit;

/// <summary>The auditor's view of the trail: search it, and check that nothing in it was altered.</summary>
public sealed class AuditService(IAuditLog log)
{
    public const int MaxFilterLength = 100;

    public async Task<Result<AuditPage>> Find(AuditQuery query, CancellationToken ct)
    {
        var errors = new List<Error>();
        if (query.PageSize is < 1 or > PageRequest.MaxPageSize)
            errors.Add(Error.Invalid("pageSize", $"The page size is 1 to {PageRequest.MaxPageSize}."));
        if (query.AfterId < 0)
            errors.Add(Error.Invalid("afterId", "afterId is 0 or more."));
        if (query.From > query.To)
            errors.Add(Error.Invalid("from", "from is not after to."));
        if (query.Action is { } action && !AuditActions.All.Contains(action))
            errors.Add(Error.Invalid("action", $"The action is one of: {string.Join(", ", AuditActions.All)}."));
        foreach (var (field, value) in new[] { ("entity", query.Entity), ("entityId", query.EntityId), ("subject", query.Subject) })
            if (value is { Length: > MaxFilterLength })
                errors.Add(Error.Invalid(field, $"At most {MaxFilterLength} characters."));
        if (errors.Count > 0)
            return Result<AuditPage>.Failure(errors);
        return await log.Find(query, ct);
    }

    public Task<ChainVerification> Verify(CancellationToken ct) => log.Verify(ct);
}
