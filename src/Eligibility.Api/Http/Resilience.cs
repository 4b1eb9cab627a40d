namespace Eligibility.Api.Http;

/// <summary>Staying up: rate limits, graceful shutdown (Idempotency-Key lives in the infrastructure).</summary>
public static class Resilience
{
    public const string ShutdownTimeoutKey = "Shutdown:TimeoutSeconds";
    public const double DefaultShutdownTimeoutSeconds = 30;

    public static WebApplicationBuilder AddResilience(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddEligibilityRateLimits(configuration);
        // On SIGTERM, Kestrel stops accepting and lets in-flight requests finish for up to this long.
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue(ShutdownTimeoutKey, DefaultShutdownTimeoutSeconds)));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }
}
