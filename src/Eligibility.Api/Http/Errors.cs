using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eligibility.Api.Http;

/// <summary>Turns what escapes the endpoints into RFC 9457 ProblemDetails, never showing internals.</summary>
sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            JsonException json => InvalidJson(json),
            _ when IsDatabaseUnavailable(exception) => Unavailable(context),
            _ when ConstraintConflicts.From(exception) is { } conflict => conflict,
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (problem is null && context.RequestAborted.IsCancellationRequested)
            return true;
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The error has been logged; quote the trace id when reporting it." };
        }
        else if (problem.Status == 409)
            // A refusal, not a fault: one line, no stack trace.
            logger.LogInformation("Refused {Method} {Path}: 409 {Code}", context.Request.Method, context.Request.Path, problem.Extensions["code"]);

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A lost, refused or timed-out database, anywhere in the chain: EF's execution strategy wraps transient Npgsql
    /// errors in an InvalidOperationException, and EF wraps failed saves in a DbUpdateException.
    /// </summary>
    static bool IsDatabaseUnavailable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is TimeoutException || inner is NpgsqlException { IsTransient: true } || inner is NpgsqlException and not PostgresException
                || inner is Infrastructure.Audit.AuditWriteFailedException { InnerException: null })
                return true;
        return false;
    }

    static ProblemDetails Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return new ProblemDetails { Status = 503, Title = "The service is temporarily unavailable.", Detail = "The database cannot be reached. Retry shortly." };
    }

    static ProblemDetails FromBadRequest(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => InvalidJson(json),
        _ when bad.StatusCode == 400 && ParameterName().Match(bad.Message) is { Success: true } parameter =>
            new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [parameter.Groups[1].Value] = ["The value is missing or not in the expected format (dates are YYYY-MM-DD)."],
            })
            { Status = 400, Title = "The request is not valid." },
        _ => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                413 => "The request body is too large.",
                415 => "Unsupported media type: send application/json.",
                _ => "Bad request.",
            },
            Detail = bad.StatusCode == 400 ? "The request could not be read." : null,
        },
    };

    /// <summary>A 400 naming the field: the JSON path of the value that could not be read.</summary>
    static ProblemDetails InvalidJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        string message;
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            message = "Unknown field.";
        else if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            var names = QuotedNames().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
            var errors = names.ToDictionary(n => field.Length == 0 ? n : $"{field}.{n}", _ => new[] { "This field is required." });
            return new HttpValidationProblemDetails(errors) { Status = 400, Title = "The request is not valid." };
        }
        else if (json.Path is null)
            message = "The body is not valid JSON.";
        else
            message = "The value has the wrong type or format.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] })
        {
            Status = 400,
            Title = "The request is not valid.",
        };
    }

    /// <summary>"$.members[0].personalId" becomes "members[0].personalId".</summary>
    static string JsonPathToField(string? path) => (path ?? "$").TrimStart('$').TrimStart('.');

    [GeneratedRegex("missing required properties including: (.*)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex("\"[^\"]* ([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}

/// <summary>
/// Every unique and exclusion constraint of db/migrations with the code of its 409: a race that a store's own check let
/// through (two joins of one household, two filings) ends here as the refusal the check would have given, never as a
/// 500. A constraint not listed still answers 409 <c>conflict</c>; a row-version conflict is 409 <c>changed-meanwhile</c>.
/// </summary>
static class ConstraintConflicts
{
    static readonly Dictionary<string, (string Code, string Message, string? Field)> Known = new()
    {
        ["villages_commune_name"] = ("village-name-taken", "Xã đã có thôn mang tên này. / The commune already has a village of that name.", "name"),
        ["members_personal_id"] = ("personal-id-in-another-household",
            "Số định danh này đã được ghi cho thành viên của hộ khác. / This personal ID number is already recorded for a member of another household.", "personalId"),
        ["members_household_id_excl"] = ("one-head", "Mỗi hộ chỉ có một chủ hộ. / A household has exactly one head.", null),
        ["standard_figures_pkey"] = ("version-exists", "Đã có phiên bản có hiệu lực từ ngày này. / A version taking effect on that date already exists.", "effectiveFrom"),
        ["programme_terms_pkey"] = ("version-exists", "Đã có phiên bản có hiệu lực từ ngày này. / A version taking effect on that date already exists.", "effectiveFrom"),
        ["public_holidays_pkey"] = ("holiday-exists", "Ngày này đã là ngày nghỉ lễ. / That day is already a public holiday.", "day"),
        ["associations_commune_code_kind_key"] = ("association-exists", "Xã đã có hội thuộc loại này. / The commune already has an association of that kind.", "kind"),
        ["savings_groups_association_id_name_key"] = ("group-name-taken", "Hội đã có tổ mang tên này. / The association already has a group of that name.", "name"),
        ["savings_group_villages_pkey"] = ("village-listed-twice", "Một thôn được ghi hai lần. / A village is listed twice.", "villageIds"),
        ["group_memberships_pkey"] = ("already-member", "Hộ đang hoặc đã là thành viên của tổ. / The household is or was a member of this group.", "householdId"),
        ["loan_requests_one_open"] = ("open-request-exists",
            "Hộ đã có đề nghị vay đang mở cho chương trình này. / The household already has an open (pending or approved) request for the programme.", "programme"),
        ["confirmation_lists_replaces_key"] = ("already-replaced", "Danh sách này đã được đính chính. / The list is already corrected by another list.", "replaces"),
        ["confirmation_lines_list_id_request_id_key"] = ("requests-changed", "Đề nghị vay đã thay đổi; hãy lập lại danh sách. / Some requests changed; compile the list again.", null),
        ["confirmation_lines_list_id_stt_key"] = ("requests-changed", "Đề nghị vay đã thay đổi; hãy lập lại danh sách. / Some requests changed; compile the list again.", null),
        ["review_rounds_commune_code_kind_window_start_key"] = ("round-exists", "Xã đã mở đợt rà soát cho kỳ này. / The commune already has a round for that period.", null),
        ["review_round_requests_pkey"] = ("request-already-filed", "Hộ đã nộp giấy đề nghị cho đợt này. / The household already filed a request for this round.", "householdId"),
        ["poverty_reviews_round_household"] = ("review-in-progress", "Hộ đã có phiếu rà soát đang xử lý trong đợt này. / The household already has a live review in this round.", "householdId"),
        ["survey_imports_round_id_sha256_key"] = ("already-imported", "Tệp này đã được nhập vào đợt. / This file was already imported into the round.", null),
    };

    /// <summary>The refusal for a constraint or row-version conflict anywhere in the exception's chain; null for anything else.</summary>
    public static ProblemDetails? From(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbUpdateConcurrencyException)
                return Problem("changed-meanwhile", "Dữ liệu vừa được thay đổi bởi yêu cầu khác; hãy đọc lại. / It was changed by another request meanwhile; read it again.", null);
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation } violation)
                return Known.TryGetValue(violation.ConstraintName ?? "", out var known)
                    ? Problem(known.Code, known.Message, known.Field)
                    : Problem("conflict", "Xung đột với dữ liệu đã ghi. / Conflicts with data already recorded.", null);
        }
        return null;
    }

    static ProblemDetails Problem(string code, string message, string? field)
    {
        var problem = new ProblemDetails { Status = 409, Title = "Conflict with the current state.", Detail = message, Extensions = { ["code"] = code } };
        if (field is not null)
            problem.Extensions["field"] = field;
        return problem;
    }

    /// <summary>The constraints listed, for the test that every one in the schema is.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;
}
