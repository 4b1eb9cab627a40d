using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Policy;

namespace Eligibility.Api.Endpoints;

public static class PolicyEndpoints
{
    public static void MapPolicy(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Standards and programmes");

        api.MapGet("/standards", async (PolicyService policy, CancellationToken ct) => TypedResults.Ok(await policy.Standards(ct)))
            .WithName("ListStandards").WithSummary("List the poverty standards")
            .WithDescription("Each multidimensional poverty standard with its legal basis, in-force dates, every version of its figures " +
                "(rural and urban poverty lines, middle-living factor, deprivation threshold, derivation thresholds) and its own indicator list.");

        api.MapGet("/standards/{code}", async (string code, PolicyService policy, CancellationToken ct) =>
                (await policy.Standard(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetStandard").WithSummary("Get a poverty standard")
            .WithDescription("One standard, e.g. 2022-2025 or 2027-2030, with its figures and indicators.")
            .Produces<StandardResponse>().ProducesProblem(404);

        api.MapGet("/programmes", async (DateOnly? asOf, PolicyService policy, CancellationToken ct) => TypedResults.Ok(await policy.Programmes(asOf, ct)))
            .WithName("ListProgrammes").WithSummary("List the loan programmes and their terms on a day")
            .WithDescription("The social-policy loan programmes with the terms (cap, maximum term, annual rate, legal basis) in force on asOf " +
                "(default today in Vietnam), and every version of the terms.");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Standards and programmes").RequireAuthorization(Roles.Admin);

        admin.MapPost("/standards/{code}/figures", async (string code, NewStandardFiguresRequest request, PolicyService policy, CancellationToken ct) =>
                (await policy.AddFigures(code, request, ct)).ToHttp(s => TypedResults.Created($"/api/v1/standards/{code}", s)))
            .Idempotent()
            .WithName("AddStandardFigures").WithSummary("Schedule a new version of a standard's figures")
            .WithDescription("Adds figures taking effect on a future date; earlier versions are never rewritten, so past answers stay reproducible.")
            .WithValidation<NewStandardFiguresRequest>()
            .Produces<StandardResponse>(201).ProducesProblem(404).ProducesProblem(409);

        admin.MapPost("/programmes/{code}/terms", async (string code, NewProgrammeTermsRequest request, PolicyService policy, CancellationToken ct) =>
                (await policy.AddTerms(code, request, ct)).ToHttp(p => TypedResults.Created($"/api/v1/programmes?asOf={request.EffectiveFrom:yyyy-MM-dd}", p)))
            .Idempotent()
            .WithName("AddProgrammeTerms").WithSummary("Schedule a new version of a programme's terms")
            .WithDescription("Adds terms taking effect on a future date; earlier versions are never rewritten, so past answers stay reproducible.")
            .WithValidation<NewProgrammeTermsRequest>()
            .Produces<ProgrammeResponse>(201).ProducesProblem(404).ProducesProblem(409);

        admin.MapPost("/standards/{code}/indicators/{indicator}/thresholds", async (string code, string indicator,
                NewIndicatorThresholdRequest request, PolicyService policy, CancellationToken ct) =>
                (await policy.AddIndicatorThreshold(code, indicator, request, ct)).ToHttp(s => TypedResults.Created($"/api/v1/standards/{code}", s)))
            .Idempotent()
            .WithName("AddIndicatorThreshold").WithSummary("Record what a source says of an indicator's threshold, from a future date")
            .WithDescription("An indicator whose threshold is not confirmed under a review's standard is not derived from member facts: " +
                "its answer must be recorded. Recording a confirmed threshold lets the answer be derived again from its effective date. " +
                "A future version still marked unconfirmed may be replaced, since nothing was derived from it; a confirmed one is 409.")
            .WithValidation<NewIndicatorThresholdRequest>()
            .Produces<StandardResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        var holidays = app.MapGroup("/api/v1").WithTags("Public holidays");
        holidays.MapGet("/public-holidays", async (int? year, PolicyService policy, TimeProvider clock, CancellationToken ct) =>
                (await policy.Holidays(year ?? clock.Today().Year, ct)).ToHttp(TypedResults.Ok))
            .WithName("ListPublicHolidays").WithSummary("The public holidays of a year")
            .WithDescription("The days an admin entered as public holidays (Tết, National Day ...) in `year` (default this year in " +
                "Vietnam), by day. The procedure's periods (the public posting, Procedure:PostingWorkingDays) count working days: " +
                "Monday to Friday except these.")
            .Produces<IReadOnlyList<PublicHolidayResponse>>().ProducesValidationProblem();

        var holidayAdmin = app.MapGroup("/api/v1/admin/public-holidays").WithTags("Public holidays").RequireAuthorization(Roles.Admin);
        holidayAdmin.MapPost("/", async (PublicHolidayRequest request, PolicyService policy, CancellationToken ct) =>
                (await policy.AddHoliday(request, ct)).ToHttp(h => TypedResults.Created($"/api/v1/public-holidays?year={h.Day.Year}", h)))
            .Idempotent()
            .WithName("AddPublicHoliday").WithSummary("Enter a public holiday")
            .WithDescription("A day after today, with its names and legal basis (the government sets Tết and bridging days year by " +
                "year). Postings that start from then on skip it; postings already started keep their end. A day already entered is 409.")
            .WithValidation<PublicHolidayRequest>()
            .Produces<PublicHolidayResponse>(201).ProducesValidationProblem().ProducesProblem(409);

        holidayAdmin.MapDelete("/{day}", async (DateOnly day, PolicyService policy, CancellationToken ct) =>
                (await policy.RemoveHoliday(day, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RemovePublicHoliday").WithSummary("Remove a public holiday entered by mistake")
            .WithDescription("Only a day after today (YYYY-MM-DD), so periods already counted do not change. A day that is not a " +
                "holiday is 404.")
            .Produces(204).ProducesValidationProblem().ProducesProblem(404);
    }
}
