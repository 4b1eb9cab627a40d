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

        audit.MapGet("/verify", async (AuditService service, CancellationToken ct) => TypedResults.Ok(await service.Verify(ct)))
            .WithName("VerifyAuditChain").WithSummary("Verify the audit chain")
            .WithDescription("Walks the whole chain in order and recomputes every entry's hash from its content and its predecessor's hash. " +
                "Reports the first entry whose link is broken and why; lastHash is the chain's newest hash, worth keeping elsewhere so " +
                "that a rewrite of the whole chain would show too.")
            .Produces<ChainVerification>();
    }

    static async Task<IResult> Find(string? entity, string? entityId, string? subject, string? action, DateTimeOffset? from, DateTimeOffset? to,
        long? afterId, int? pageSize, AuditService service, CancellationToken ct) =>
        (await service.Find(new AuditQuery(entity, entityId, subject, action, from, to, afterId ?? 0, pageSize ?? PageRequest.DefaultPageSize), ct))
            .ToHttp(TypedResults.Ok);
}
