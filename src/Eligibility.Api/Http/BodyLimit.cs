using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Eligibility.Api.Http;

/// <summary>
/// Refuses bodies over the limit with 413 before reading them. Kestrel enforces the same limit on chunked bodies;
/// this also covers hosts without Kestrel's limit (the in-memory test server). An endpoint with
/// <see cref="IRequestSizeLimitMetadata"/> (<c>.WithBodyLimit(bytes)</c>, e.g. the survey import) has its own limit,
/// passed on to Kestrel through <see cref="IHttpMaxRequestBodySizeFeature"/>.
/// </summary>
sealed class BodyLimitMiddleware(RequestDelegate next, long globalMaxBytes)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        long maxBytes = globalMaxBytes;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } endpointMax)
        {
            maxBytes = endpointMax;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = endpointMax;
        }
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 413, Title = "The request body is too large.", Detail = $"Bodies are limited to {maxBytes / 1024} KiB." },
            });
            return;
        }
        await next(context);
    }
}

/// <summary>A body limit of the endpoint's own, read by <see cref="BodyLimitMiddleware"/>.</summary>
sealed record EndpointBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointBodyLimit(maxBytes));
}
