using System.Security.Claims;
using Eligibility.Api.Auth;
using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Rounds;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Eligibility.Api.Endpoints;

/// <summary>Bulk import of a review round's survey results, over HTTP and as the <c>import-survey</c> command.</summary>
public static class SurveyImportEndpoints
{
    public const long MaxFileBytes = 200L * 1024 * 1024;
    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Columns =
        "Columns (first row, English codes, any order, case-insensitive): household_id (the household's id, required), survey_date " +
        "(YYYY-MM-DD, inside the round's window, required), income_per_person_monthly or household_income_12_months (VND, one of " +
        "them per row), floor_area (m², optional, derives housing-area), and one column per indicator code of the applicable standard " +
        "(employment, dependants, nutrition, health-insurance, adult-education, child-schooling, housing-quality, housing-area, " +
        "drinking-water, sanitation, telecom-use, information-access, waste-treatment): 1/0, yes/no, có/không, true/false; empty = " +
        "derived from the household's facts where the rule allows it.";

    public static void MapSurveyImports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/review-rounds/{id:guid}/survey-imports", async (Guid id, string? mode, HttpRequest request, SurveyImportService imports,
                CancellationToken ct) =>
            {
                ImportMode? chosen = mode?.ToLowerInvariant() switch
                {
                    null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
                    "partial" => ImportMode.Partial,
                    _ => null,
                };
                if (chosen is null)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["The mode is all-or-nothing (default) or partial."] });
                SurveyFileFormat? format = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
                {
                    "text/csv" => SurveyFileFormat.Csv,
                    XlsxType => SurveyFileFormat.Xlsx,
                    _ => null,
                };
                // Out of scope is 404 whatever the body.
                if (await imports.FindRound(id, ct) is { } notFound)
                    return ResultHttp.Problem([notFound]);
                if (format is null)
                    return TypedResults.Problem("Send the file as the body, with Content-Type text/csv or " + XlsxType + ".",
                        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
                var result = await imports.Import(id, request.Body, format.Value, chosen.Value, ct);
                return result.IsSuccess ? ToHttp(result.Value, id) : ResultHttp.Problem(result.Errors);
            })
            .WithBodyLimit(MaxFileBytes)
            .WithTags("Review rounds").RequireAuthorization(Roles.CommuneOfficial)
            .Accepts<string>("text/csv", XlsxType)
            .WithName("ImportRoundSurveys").WithSummary("Import the round's survey results from a CSV or XLSX file")
            .WithDescription("The file is the body (Content-Type text/csv, UTF-8 with or without BOM, comma-separated; or XLSX, first " +
                "worksheet), up to 200 MiB, read as a stream. " + Columns + " Each row is held to the rules of POST /review-rounds/{id}/reviews " +
                "(household of the round's commune and on its list, survey date in the window, no other live review in the round, answers " +
                "given or derivable) and classified the same way; a household may appear once. All or nothing by default: any bad row answers " +
                "422 with errors[] (row as numbered in the file, the header being row 1; column; message) and stores nothing; ?mode=partial " +
                "stores the good rows and reports the others. Idempotent: the same file again answers 200 with the first import's report " +
                "and stores nothing; a row whose household already has a review in the round from the same answers counts as alreadyImported. " +
                "201 for a new import.")
            .Produces<SurveyImportResponse>(201).Produces<SurveyImportResponse>().ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(413).ProducesProblem(415).ProducesProblem(422);
    }

    static IResult ToHttp(SurveyImportResult result, Guid roundId) => result.Outcome switch
    {
        ImportOutcome.Imported => TypedResults.Created($"/api/v1/review-rounds/{roundId}/households", result.Report),
        ImportOutcome.Replayed => TypedResults.Ok(result.Report),
        _ => TypedResults.Problem(
            result.Outcome == ImportOutcome.FileRefused
                ? "The file cannot be imported; nothing was stored."
                : $"{result.Report.Errors.Count} error(s) in the file; nothing was stored.",
            statusCode: result.Outcome == ImportOutcome.FileRefused ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            title: "The file is not valid.", extensions: new Dictionary<string, object?>
            {
                ["code"] = result.Outcome == ImportOutcome.FileRefused ? "file-refused" : "rows-refused",
                // The report's fields, as for a stored import; no import id, since nothing was stored.
                ["importId"] = null,
                ["roundId"] = roundId,
                ["rows"] = result.Report.Rows,
                ["created"] = 0,
                ["alreadyImported"] = result.Report.AlreadyImported,
                ["errors"] = result.Report.Errors,
            }),
    };

    /// <summary>True when the process was started as <c>import-survey ...</c> rather than as the API.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "import-survey";

    /// <summary>
    /// <c>import-survey --round &lt;id&gt; --file &lt;path&gt; [--commune-official &lt;code&gt;] [--mode partial]</c>: the same use case
    /// without HTTP, acting as a commune official of the given commune (by default the round's own); prints the report as JSON.
    /// </summary>
    public static async Task<int> RunCommand(WebApplication app, string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (!Guid.TryParse(Option("--round"), out var roundId) || Option("--file") is not { } path || !File.Exists(path))
        {
            Console.Error.WriteLine("Usage: import-survey --round <id> --file <path.csv|path.xlsx> [--commune-official <code>] [--mode partial]");
            return 2;
        }
        var mode = Option("--mode") == "partial" ? ImportMode.Partial : ImportMode.AllOrNothing;
        var format = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? SurveyFileFormat.Xlsx : SurveyFileFormat.Csv;
        await using var scope = app.Services.CreateAsyncScope();
        var commune = Option("--commune-official") ?? (await scope.ServiceProvider.GetRequiredService<IReviewRoundStore>().Find(roundId, CancellationToken.None))?.CommuneCode;
        // The command acts as a commune official: the same scope check and audit subject as a request would have.
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, $"{Subjects.CommandPrefix}{Environment.UserName}"), new Claim(Claims.Role, Roles.CommuneOfficial),
                new Claim(Claims.Communes, commune ?? "")], "cli")),
        };
        await using var file = File.OpenRead(path);
        var result = await scope.ServiceProvider.GetRequiredService<SurveyImportService>().Import(roundId, file, format, mode, CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(result.IsSuccess ? result.Value.Report : (object)new { errors = result.Errors },
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true });
        Console.WriteLine(json);
        return result.IsSuccess && result.Value.Outcome is ImportOutcome.Imported or ImportOutcome.Replayed ? 0 : 1;
    }
}
