using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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
