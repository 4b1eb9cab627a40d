using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Eligibility.Api.Http;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests per minute for each authenticated subject (the token's sub).</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute from each remote IP address without a valid token.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;

    /// <summary>Walks of the audit chain (verify, checkpoint) per minute for each subject: each may hash much of the table.</summary>
    public int AuditChainPermitsPerMinute { get; set; } = 4;
}

/// <summary>
/// A fixed window per minute for each authenticated subject and, for requests without a valid token, for each remote
/// IP address; beyond it, 429 ProblemDetails with Retry-After. Health probes are not limited.
/// </summary>
public static class RateLimits
{
    public const string AuditChainPolicy = "audit-chain";

    public static IServiceCollection AddEligibilityRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health"))
                    return RateLimitPartition.GetNoLimiter("health");
                var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value : null;
                return subject is not null
                    ? RateLimitPartition.GetFixedWindowLimiter($"sub:{subject}", _ => Window(options.PermitsPerMinute))
                    : RateLimitPartition.GetFixedWindowLimiter($"ip:{context.Connection.RemoteIpAddress}", _ => Window(options.AnonymousPermitsPerMinute));
            });
            limiter.AddPolicy(AuditChainPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? $"ip:{context.Connection.RemoteIpAddress}",
                _ => Window(options.AuditChainPermitsPerMinute)));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429,
                        Title = "Too many requests.",
                        Detail = "The request limit for your account or address was reached. Retry after the number of seconds in Retry-After.",
                    },
                });
            };
        });
        return services;
    }

    static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
