using System.Globalization;
using Eligibility.Api.Audit;
using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace Eligibility.Api.Endpoints;

public static class EligibilityEndpoints
{
    const string Tag = "Eligibility";

    const string LanguageNote = "Reason messages are in Vietnamese when Accept-Language prefers `vi` (e.g. `vi`, `vi-VN`, " +
        "`vi;q=0.9, en;q=0.5`), otherwise in English; Content-Language says which. Reason codes are the same in both.";

    public static void MapEligibility(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/households/{id:guid}/eligibility", ForHousehold)
            .WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial)
            .WithName("GetHouseholdEligibility").WithSummary("Which loan programmes a household qualifies for")
            .WithDescription("Every programme in one answer, on the household's recognised statuses, members and commune, as of `asOf` " +
                "(YYYY-MM-DD; default today in Vietnam). `standard`, `classification`, `povertyLine` (for the commune's area type) and " +
                "`deprivationCount` describe the status in force that day; they are null when there is none, and the programmes' " +
                "reasons say so (code no-recognised-status). job-creation answers per member; `members[i].index` is the member's " +
                "position as GET /api/v1/households/{id} lists them, `memberId` names it. " + LanguageNote)
            .AuditsPersonalDataRead("eligibility", idProperty: PersonalDataReads.RouteId)
            .Produces<EligibilityResponse>().ProducesValidationProblem().ProducesProblem(404);

        var eligibility = app.MapGroup("/api/v1/eligibility").WithTags(Tag);

        eligibility.MapPost("/evaluate", Evaluate)
            .WithName("EvaluateEligibility").WithSummary("Evaluate eligibility on facts supplied in the body")
            .WithDescription("The same engine as for a stored household, on facts the caller supplies; nothing is stored. `current` is the " +
                "latest recognised review, classified under the standard in force on its effective date; `history` the earlier " +
                "recognised statuses (each effective before `current`). `asOf` defaults to today in Vietnam. Limits: 100 history " +
                "entries, 50 members, 30 indicators. `members[i].index` in job-creation's answer is the position in the request's " +
                "`members` (`memberId` is null). Beyond the contract's names, `terms` also gives `amountBasis` and `effectiveFrom`. " + LanguageNote)
            .WithValidation<EvaluateRequest>()
            .Produces<EligibilityResponse>();

        eligibility.MapPost("/lookup", Lookup)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Integrator},{Roles.CommuneOfficial}" })
            .WithName("LookupEligibility").WithSummary("Look up status and eligible programmes by personal ID number")
            .WithDescription("Up to 1,000 personal ID numbers in the body (never in a URL). For each, in the request's order: whether a " +
                "household holding it was found, the classification in force today (null when none) and the codes of the programmes " +
                "the household qualifies for today; nothing else about the person. Integrators search the whole country; commune " +
                "officials find only households of their communes (others answer found: false). Each call is logged with the " +
                "caller and the counts, never the numbers. Each token subject may look up `Lookup:DailyIdQuota` distinct numbers " +
                "a day (Vietnam's day; default 20,000); a request that would pass it is refused whole with 429 " +
                "(code lookup-quota-exceeded, Retry-After: the seconds until midnight in Vietnam) and counts nothing.")
            .WithValidation<LookupRequest>()
            .Produces<LookupResponse>().ProducesProblem(429);

        app.MapGet("/api/v1/communes/{code}/eligible-households", List)
            .WithTags(Tag).RequireAuthorization(Roles.CommuneOfficial)
            .WithName("ListEligibleHouseholds").WithSummary("List a commune's households eligible for one programme")
            .WithDescription("The households of the commune eligible for `programme` (poor-household, near-poor-household, " +
                "newly-escaped-household, income-150, job-creation) on `asOf` (default today in Vietnam), with the head's name, " +
                "village and status in force; ordered by head's name, then id; `village` narrows to one village. `validUntil` is " +
                "the last day of newly-escaped-household's window. A programme with no terms in force on `asOf` answers 422 " +
                "(code no-terms-in-force) rather than an empty page.")
            .AuditsPersonalDataRead("household", idProperty: "householdId")
            .Produces<Paged<EligibleHousehold>>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422);
    }

    static async Task<IResult> ForHousehold(Guid id, string? asOf, EligibilityService service, HttpContext http, CancellationToken ct) =>
        (await service.ForHousehold(id, asOf, Language(http), ct)).ToHttp(TypedResults.Ok);

    static async Task<IResult> Evaluate(EvaluateRequest request, EligibilityService service, HttpContext http, CancellationToken ct) =>
        (await service.Evaluate(request, Language(http), ct)).ToHttp(TypedResults.Ok);

    static async Task<IResult> Lookup(LookupRequest request, EligibilityService service, ICurrentUser user, ILoggerFactory logs,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await service.Lookup(request, ct);
        var log = logs.CreateLogger("Eligibility.Lookup");
        if (result.IsSuccess)
            // Personal data read by a system or person is logged: who, and how many; the numbers stay out of logs.
            log.LogInformation("Eligibility lookup by {Subject} ({Role}): {Requested} numbers, {Found} found",
                user.Subject, user.Role, request.PersonalIds.Count, result.Value.Results.Count(r => r.Found));
        else if (result.FirstError.Kind == ErrorKind.LimitReached)
        {
            log.LogInformation("Eligibility lookup by {Subject} ({Role}) refused: {Requested} numbers would pass the daily quota",
                user.Subject, user.Role, request.PersonalIds.Count);
            // The quota counts Vietnam's day, so it frees at midnight there.
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(clock.UntilTomorrow().TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return result.ToHttp(TypedResults.Ok);
    }

    static async Task<IResult> List(string code, string? programme, string? asOf, Guid? village, int? page, int? pageSize,
        EligibilityService service, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
            errors["page"] = ["The page is 1 or more."];
        if (pageSize is < 1 or > PageRequest.MaxPageSize)
            errors["pageSize"] = [$"The page size is 1 to {PageRequest.MaxPageSize}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");

        var query = new EligibleHouseholdsQuery(code, programme, asOf, village, page ?? 1, pageSize ?? PageRequest.DefaultPageSize);
        return (await service.EligibleHouseholds(query, ct)).ToHttp(TypedResults.Ok);
    }

    /// <summary>Vietnamese when Accept-Language prefers vi over en, English otherwise; said back in Content-Language.</summary>
    internal static ReasonLanguage Language(HttpContext http)
    {
        var language = ReasonLanguage.English;
        var preferences = http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1); // stable: equal weights keep the header's order
        foreach (var preference in preferences)
        {
            var tag = preference.Value.Value ?? "";
            if (tag.Equals("vi", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("vi-", StringComparison.OrdinalIgnoreCase))
            {
                language = ReasonLanguage.Vietnamese;
                break;
            }
            if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase) || tag == "*")
                break;
        }
        http.Response.Headers.ContentLanguage = language == ReasonLanguage.Vietnamese ? "vi" : "en";
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        return language;
    }
}
