using Eligibility.Application.Common;
using Eligibility.Domain.Common;

namespace Eligibility.Application.Audit;

/// <summary>The auditor's view of the trail: search it, and check that nothing in it was altered.</summary>
public sealed class AuditService(IAuditLog log, IAuditCheckpoints checkpoints, TimeProvider clock)
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

    public async Task<Result<ChainVerification>> Verify(string? from, CancellationToken ct)
    {
        if (from is not (null or VerifyFrom.Checkpoint or VerifyFrom.Start))
            return Error.Invalid("from", $"Bắt đầu từ '{VerifyFrom.Checkpoint}' hoặc '{VerifyFrom.Start}'. / from is '{VerifyFrom.Checkpoint}' or '{VerifyFrom.Start}'.");
        return await log.Verify(await checkpoints.NewestValid(ct), from == VerifyFrom.Start, ct);
    }

    /// <summary>
    /// Signs the chain's newest entry, once the chain verifies from the previous checkpoint: a chain already broken is
    /// never anchored.
    /// </summary>
    public async Task<Result<CheckpointResponse>> Checkpoint(CancellationToken ct)
    {
        var verification = await log.Verify(await checkpoints.NewestValid(ct), fromStart: false, ct);
        if (!verification.Valid)
            return Error.Conflict("chain-broken",
                $"Chuỗi nhật ký bị gãy tại mục {verification.FirstBrokenId}: không ký điểm neo. / The audit chain is broken at entry " +
                $"{verification.FirstBrokenId}: no checkpoint is signed. {verification.Reason}");
        return await checkpoints.Append(new AuditCheckpoint(verification.LastId, verification.LastHash, clock.GetUtcNow()), ct);
    }

    public async Task<Result<Paged<CheckpointResponse>>> Checkpoints(int page, int pageSize, CancellationToken ct)
    {
        if (page < 1)
            return Error.Invalid("page", "Trang từ 1. / page is 1 or more.");
        if (pageSize is < 1 or > PageRequest.MaxPageSize)
            return Error.Invalid("pageSize", $"Cỡ trang từ 1 đến {PageRequest.MaxPageSize}. / The page size is 1 to {PageRequest.MaxPageSize}.");
        return await checkpoints.List(new PageRequest(page, pageSize), ct);
    }
}
