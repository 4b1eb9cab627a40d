using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Audit;
using Eligibility.Api.Auth;
using Eligibility.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.OpenApi;

namespace Eligibility.Api.Http;

/// <summary>Marks an endpoint whose POST creates something: it honours an Idempotency-Key header.</summary>
public sealed class IdempotentMetadata
{
    public static readonly IdempotentMetadata Instance = new();
}

public static class IdempotencyExtensions
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>A retry with the same Idempotency-Key and body gets the first response instead of creating again.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(IdempotentMetadata.Instance)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A key of your choice (1 to 200 visible ASCII characters, e.g. a UUID) that makes retrying safe: a retry with the " +
                        "same key and body within 24 hours, by a token with the same role and scope claims, gets the first response (status, " +
                        "body, Location, ETag) without creating again; with other claims it runs afresh, as a new request; the same key with " +
                        "another body is 422; while the first request with the key is still running, 409.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200, Pattern = "^[!-~]{1,200}$" },
                });
                return Task.CompletedTask;
            });

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}

/// <summary>
/// Runs an idempotent endpoint inside the idempotency store's transaction and records its response, or replays the
/// response recorded for the key. Responses 5xx (and 401, 403, 408, 429, which say nothing about the request itself)
/// are not recorded: the change is rolled back and the key stays free for the retry.
/// </summary>
sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IdempotencyStore store, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<IdempotentMetadata>() is null
            || !context.Request.Headers.TryGetValue(IdempotencyExtensions.Header, out var values))
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: >= 1 and <= 200 } key || !key.All(c => c is >= '!' and <= '~'))
        {
            await Problem(context, problems, new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [IdempotencyExtensions.Header] = ["Send one key of 1 to 200 visible ASCII characters (no spaces), e.g. a UUID."],
            })
            { Status = 400, Title = "The request is not valid." });
            return;
        }

        var ct = context.RequestAborted;
        context.Request.EnableBuffering();
        var bodyHash = await SHA256.HashDataAsync(context.Request.Body, ct);
        context.Request.Body.Position = 0;
        var subject = context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "";
        var request = new IdempotentRequest(subject, key, context.Request.Method, endpoint.RoutePattern.RawText ?? "", context.Request.Path.Value ?? "", bodyHash,
            Fingerprint(context.User));

        var claim = await store.Claim(request, ct);
        if (claim.Outcome == ClaimOutcome.Busy)
        {
            context.Response.Headers.RetryAfter = "1";
            await Problem(context, problems, new ProblemDetails
            {
                Status = 409,
                Title = "A request with this Idempotency-Key is in progress.",
                Detail = "Retry shortly: you will get its response.",
                Extensions = { ["code"] = "idempotency-key-in-progress" },
            });
            return;
        }
        if (claim.Stored is { } stored)
        {
            if (request.SameAs(stored))
                await Replay(context, endpoint, stored.Response);
            else
                await Problem(context, problems, new ProblemDetails
                {
                    Status = 422,
                    Title = "The request cannot be carried out.",
                    Detail = "This Idempotency-Key was already used for a different request (another body or address). Use a new key for a new request.",
                    Extensions = { ["code"] = "idempotency-key-reused", ["field"] = IdempotencyExtensions.Header },
                });
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.Abandon();
            throw;
        }
        context.Response.Body = original;

        var status = context.Response.StatusCode;
        if (status is >= 200 and < 500 and not (401 or 403 or 408 or 429))
        {
            var response = new IdempotentResponse(status, NullIfEmpty(context.Response.Headers.Location), NullIfEmpty(context.Response.Headers.ETag),
                context.Response.ContentType, buffer.ToArray());
            try
            {
                await store.Complete(request, response, ct);
            }
            catch
            {
                await store.Abandon();
                throw;
            }
        }
        else
            await store.Abandon();

        buffer.Position = 0;
        await buffer.CopyToAsync(original, ct);
    }

    static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();

    /// <summary>The role and the scope claims, sorted: what decides what a response may show its caller.</summary>
    static byte[] Fingerprint(ClaimsPrincipal user)
    {
        var claims = user.FindAll(c => c.Type is Claims.Role or Claims.Communes or Claims.Associations or Claims.Provinces)
            .Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal);
        return SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', claims)));
    }

    /// <summary>Sends the recorded response again; personal data in it is a read, recorded as the first answer's was.</summary>
    static async Task Replay(HttpContext context, RouteEndpoint endpoint, IdempotentResponse response)
    {
        if (endpoint.Metadata.GetMetadata<ReplayedPersonalDataMetadata>() is { } marked && response.StatusCode is >= 200 and < 300)
            await PersonalDataReads.Record(context, marked.Entity, marked.IdProperty, response.Body.Length == 0 ? null : JsonNode.Parse(response.Body));
        context.Response.StatusCode = response.StatusCode;
        if (response.Location is not null)
            context.Response.Headers.Location = response.Location;
        if (response.ETag is not null)
            context.Response.Headers.ETag = response.ETag;
        if (response.ContentType is not null)
            context.Response.ContentType = response.ContentType;
        context.Response.Headers[IdempotencyExtensions.ReplayedHeader] = "true";
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    static Task Problem(HttpContext context, IProblemDetailsService problems, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
