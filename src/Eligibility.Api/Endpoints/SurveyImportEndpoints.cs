using System.Security.Claims;
using Eligibility.Api.Auth;
using Eligibility.Api.Http;
using Eligibility.Application.Common;
using Eligibility.Application.Rounds;
using Eligibility.Infrastructure.SurveyImport;
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

    /// <summary>An import that finds <see cref="SurveyImportOptions.MaxConcurrent"/> others running is told to come back this much later.</summary>
    const int BusyRetryAfterSeconds = 30;

    public static void MapSurveyImports(this IEndpointRouteBuilder app)
    {
        var options = SurveyImportOptions.From(app.ServiceProvider.GetRequiredService<IConfiguration>());
        // Resolved now so that a limit out of range stops start-up instead of failing the first import.
        app.ServiceProvider.GetRequiredService<SurveyFileLimits>();
        // Imports at once, from the upload to the commit: each holds a connection for its transaction, so together they
        // never take more than this many of the pool, nor more than this many files' room in the temporary directory.
        var running = new SemaphoreSlim(options.MaxConcurrent);
        app.MapPost("/api/v1/review-rounds/{id:guid}/survey-imports", async (Guid id, string? mode, HttpRequest request, HttpResponse response,
                SurveyImportService imports, CancellationToken ct) =>
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
                if (!running.Wait(0))
                {
                    response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return TypedResults.Problem($"{options.MaxConcurrent} imports are running; retry after the number of seconds in Retry-After.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many imports at once.",
                        extensions: new Dictionary<string, object?> { ["code"] = "imports-busy" });
                }
                try
                {
                    // The whole body is read into a temporary file before the import takes a connection, a transaction or
                    // the round's lock, within a total time, so a slow client holds none of them.
                    SpooledSurveyFile file;
                    using (var upload = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        upload.CancelAfter(options.UploadTimeout);
                        try
                        {
                            file = await imports.Receive(request.Body, upload.Token);
                        }
                        catch (OperationCanceledException) when (upload.IsCancellationRequested && !ct.IsCancellationRequested)
                        {
                            return TypedResults.Problem(
                                $"Tệp không được gửi xong trong {options.UploadTimeout.TotalSeconds:0} giây. / The file was not received within {options.UploadTimeout.TotalSeconds:0} seconds.",
                                statusCode: StatusCodes.Status408RequestTimeout, title: "The upload took too long.",
                                extensions: new Dictionary<string, object?> { ["code"] = "upload-timeout" });
                        }
                    }
                    await using (file)
                    {
                        var result = await imports.Import(id, file, format.Value, chosen.Value, ct);
                        return result.IsSuccess ? ToHttp(result.Value, id) : ResultHttp.Problem(result.Errors);
                    }
                }
                finally
                {
                    running.Release();
                }
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
                "201 for a new import. The body is received whole into a private temporary file first, within SurveyImport:UploadTimeoutSeconds " +
                "(408 beyond it); at most SurveyImport:MaxConcurrent imports run at once (429 with Retry-After beyond). A workbook out of the " +
                "bounds of the README (zip bomb, DTD, bad references, too many cells or shared strings) is 400 file-refused.")
            .Produces<SurveyImportResponse>(201).Produces<SurveyImportResponse>().ProducesProblem(400).ProducesProblem(404)
            .ProducesProblem(408).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429);
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
        var imports = scope.ServiceProvider.GetRequiredService<SurveyImportService>();
        await using var source = File.OpenRead(path);
        await using var file = await imports.Receive(source, CancellationToken.None);
        var result = await imports.Import(roundId, file, format, mode, CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(result.IsSuccess ? result.Value.Report : (object)new { errors = result.Errors },
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true });
        Console.WriteLine(json);
        return result.IsSuccess && result.Value.Outcome is ImportOutcome.Imported or ImportOutcome.Replayed ? 0 : 1;
    }
}

/// <summary>Settings of the survey import (section <c>SurveyImport</c>).</summary>
public sealed class SurveyImportOptions
{
    /// <summary>The whole upload must arrive within this time (a 200 MiB file at 2 Mbit/s takes about 14 minutes).</summary>
    public int UploadTimeoutSeconds { get; set; } = 1800;

    /// <summary>Imports running at once; more are answered 429.</summary>
    public int MaxConcurrent { get; set; } = 2;

    public TimeSpan UploadTimeout => TimeSpan.FromSeconds(UploadTimeoutSeconds);

    public static SurveyImportOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("SurveyImport").Get<SurveyImportOptions>() ?? new SurveyImportOptions();
        if (options.UploadTimeoutSeconds is < 1 or > 86_400)
            throw new InvalidOperationException("SurveyImport:UploadTimeoutSeconds is a number of seconds from 1 to 86400.");
        if (options.MaxConcurrent is < 1 or > 64)
            throw new InvalidOperationException("SurveyImport:MaxConcurrent is a number of imports from 1 to 64.");
        return options;
    }
}
