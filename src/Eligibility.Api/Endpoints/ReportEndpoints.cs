using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Reports;

namespace Eligibility.Api.Endpoints;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/provinces/{code}/reports/status-summary", async (string code, DateOnly? asOf, ReportService reports, CancellationToken ct) =>
                (await reports.StatusSummary(code, asOf, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Reports").RequireAuthorization(Roles.ProvinceViewer)
            .WithName("GetProvinceStatusSummary").WithSummary("Households of a province by status, per commune")
            .WithDescription("For each commune of the province: the number of households, and how many are poor, near-poor, middle-living, " +
                "not poor or without a recognised status on asOf (default today in Vietnam). Counts only: no personal rows. " +
                "A count from 1 to 4 is null (it could point at one household, and two days at one household's change), and so is the " +
                "smallest other count of its commune when the commune's total would otherwise give it back; such a commune has " +
                "suppressed: true. The totals add up the published counts only (suppressed: true when some were left out). " +
                "Province viewers of that province only; any other province answers 404.")
            .Produces<ProvinceStatusSummary>().ProducesValidationProblem().ProducesProblem(404);
}
