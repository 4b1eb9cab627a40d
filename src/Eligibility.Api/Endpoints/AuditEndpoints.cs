using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;

namespace Eligibility.Api.Endpoints;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit trail").RequireAuthorization(Roles.Auditor);

        audit.MapGet("/", Find)
            // The entries hold personal data (values before and after), so the auditor's own reads are on record too.
            .AuditsPersonalDataRead("audit")
            .WithName("ListAuditEntries").WithSummary("Search the audit trail")
            .WithDescription("Every write (who, role, when, entity, id, values before and after) and every read of personal data, " +
                "in the order they were chained (by id), with each entry's hash and its predecessor's. Filters combine; entityId also " +
                "matches lists that carried that id. Page with afterId: pass the previous page's nextAfterId until it is null.")
            .Produces<AuditPage>().ProducesValidationProblem();

        audit.MapGet("/verify", Verify)
            .RequireRateLimiting(RateLimits.AuditChainPolicy)
            .WithName("VerifyAuditChain").WithSummary("Verify the audit chain")
            .WithDescription("Recomputes every entry's hash from its content and its predecessor's hash, in id order, and reports the first " +
                "entry whose link is broken and why. By default the walk starts at the newest checkpoint whose signature verifies: that " +
                "entry must still have the hash the checkpoint signed, so a rewrite of the whole chain shows as a break there. " +
                "from=start walks the whole chain (and checks the checkpoint's entry on the way). Limited to a few calls a minute per caller.")
            .Produces<ChainVerification>().ProducesValidationProblem().ProducesProblem(429);

        audit.MapGet("/checkpoints", ListCheckpoints)
            .WithName("ListAuditCheckpoints").WithSummary("List the signed checkpoints of the chain")
            .WithDescription("Newest first, a page at a time, each with whether its signature verifies with the configured key. A checkpoint " +
                "names the chain's newest entry and hash at a time, signed with a key the database never sees, and kept in a folder outside it.")
            .Produces<Paged<CheckpointResponse>>().ProducesValidationProblem();

        audit.MapPost("/checkpoints", CreateCheckpoint)
            .RequireRateLimiting(RateLimits.AuditChainPolicy).Idempotent()
            .WithName("CreateAuditCheckpoint").WithSummary("Sign a checkpoint of the chain now")
            .WithDescription("Verifies the chain from the newest checkpoint, then signs its newest entry and hash and writes the checkpoint " +
                "once. 409 chain-broken when the chain does not verify: a broken chain is never anchored.")
            .Produces<CheckpointResponse>(201).ProducesProblem(409).ProducesProblem(429);
    }

    /// <summary>from: checkpoint (default) or start.</summary>
    static async Task<IResult> Verify(string? from, AuditService service, CancellationToken ct) =>
        (await service.Verify(from, ct)).ToHttp(TypedResults.Ok);

    static async Task<IResult> ListCheckpoints(int? page, int? pageSize, AuditService service, CancellationToken ct) =>
        (await service.Checkpoints(page ?? 1, pageSize ?? PageRequest.DefaultPageSize, ct)).ToHttp(TypedResults.Ok);

    static async Task<IResult> CreateCheckpoint(AuditService service, CancellationToken ct) =>
        (await service.Checkpoint(ct)).ToHttp(c => TypedResults.Created($"/api/v1/audit/checkpoints/{c.Name}", c));

    static async Task<IResult> Find(string? entity, string? entityId, string? subject, string? action, DateTimeOffset? from, DateTimeOffset? to,
        long? afterId, int? pageSize, AuditService service, CancellationToken ct) =>
        (await service.Find(new AuditQuery(entity, entityId, subject, action, from, to, afterId ?? 0, pageSize ?? PageRequest.DefaultPageSize), ct))
            .ToHttp(TypedResults.Ok);
}
