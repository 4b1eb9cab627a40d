namespace Eligibility.Api.Http;

/// <summary>
/// Security headers on every response, set when the response starts so that error pages written later (the exception
/// handler clears headers) carry them too. API responses hold personal data: never cached, never framed, never
/// rendered as a page. Swagger UI gets a policy that lets its own scripts and styles run.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var swagger = context.Request.Path.StartsWithSegments("/swagger");
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = swagger ? SwaggerPolicy : ApiPolicy;
            if (!swagger)
                headers.CacheControl = "no-store";
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
