namespace Eligibility.Api.Http;

/// <summary>
/// Refuses bodies over the limit with 413 before reading them. Kestrel enforces the same limit on chunked bodies;
/// this also covers hosts without Kestrel's limit (the in-memory test server).
/// </summary>
sealed class BodyLimitMiddleware(RequestDelegate next, long maxBytes)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
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
