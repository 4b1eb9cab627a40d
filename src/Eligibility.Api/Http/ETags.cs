using Eligibility.Domain.Common;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Eligibility.Api.Http;

/// <summary>Optimistic concurrency over HTTP: responses carry an ETag, changes must send it back in If-Match.</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    public static Result<uint> ParseIfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
            return new Error(ErrorKind.PreconditionRequired, "if-match-required",
                "Send the ETag you last read in an If-Match header, so that changes made meanwhile are not overwritten.");
        if (EntityTagHeaderValue.TryParseList(values, out var tags) && tags.Count == 1 && !tags[0].IsWeak
            && uint.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var version))
            return version;
        return new Error(ErrorKind.PreconditionFailed, "if-match-not-current", "If-Match does not name the current version of this resource.");
    }

    /// <summary>Runs a change only when If-Match names a version; otherwise answers 428 or 412.</summary>
    public static async Task<IResult> IfMatch(HttpRequest request, Func<uint, Task<IResult>> change)
    {
        var version = ParseIfMatch(request);
        return version.IsSuccess ? await change(version.Value) : ResultHttp.Problem(version.Errors);
    }

    /// <summary>
    /// For steps that are refused anyway when repeated (recognition, procedure steps): If-Match may be left out, but
    /// when sent it must name the current version.
    /// </summary>
    public static async Task<IResult> OptionalIfMatch(HttpRequest request, Func<uint?, Task<IResult>> change)
    {
        if (request.Headers.IfMatch.Count == 0)
            return await change(null);
        var version = ParseIfMatch(request);
        return version.IsSuccess ? await change(version.Value) : ResultHttp.Problem(version.Errors);
    }

    /// <summary>Documents the If-Match header of an endpoint that honours it when sent (<see cref="OptionalIfMatch"/>).</summary>
    public static RouteHandlerBuilder AcceptsOptionalIfMatch(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional: the ETag you last read (a strong entity tag, quotes included). When sent and outdated, 412.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
            });
            return Task.CompletedTask;
        });

    public static IResult WithETag(this IResult result, HttpContext context, uint version)
    {
        context.Response.Headers.ETag = Format(version);
        return result;
    }
}
