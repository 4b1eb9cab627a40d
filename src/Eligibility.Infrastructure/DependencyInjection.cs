using Eligibility.Application.Common;
using Eligibility.Application.Audit;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using Eligibility.Application.Units;
using Eligibility.Infrastructure.Audit;
using Eligibility.Infrastructure.Database;
using Eligibility.Infrastructure.Exports;
using Eligibility.Infrastructure.Files;
using Eligibility.Infrastructure.Idempotency;
using Eligibility.Infrastructure.Persistence;
using Eligibility.Infrastructure.Policy;
using Eligibility.Infrastructure.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eligibility.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseEndpoint>();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(
            ConnectionDefaults.Apply(sp.GetRequiredService<DatabaseEndpoint>().ConnectionString, sp.GetRequiredService<IConfiguration>())).Build());
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<AuditReadBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditReadBatcher>());
        services.AddSingleton<IAuditLog, AuditLog>();
        // Pooled: a request reuses a reset context instead of building one (measured in bench/README.md); the context
        // holds no per-request state, and the interceptor reads the request's actor through IAuditActor when it runs.
        // A failed command is a refusal (a constraint: 409, logged at Information) or a fault, which the API's exception
        // handler logs once at Error with its exception: EF's own error entries would log every refusal as an error.
        services.AddDbContextPool<EligibilityDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        services.AddScoped<IHouseholdStore, HouseholdStore>();
        services.AddScoped<IUnitStore, UnitStore>();
        services.AddScoped<IReviewStore, ReviewStore>();
        services.AddSingleton<IUnitListReader, UnitListCsvReader>();
        services.AddSingleton<PolicyCatalog>();
        services.AddSingleton<IPolicyCatalog>(sp => sp.GetRequiredService<PolicyCatalog>());
        // Temporary files with personal data (imports, exports): private, deleted on close, leftovers swept at start-up.
        services.AddSingleton<PrivateTempFiles>();
        services.AddHostedService<TempFileSweep>();
        services.AddSingleton<IExportWriter, ExportWriter>();
        services.AddSingleton<Application.Reports.IReportStore, Reports.ReportStore>();
        services.AddScoped<RequestSession>();
        services.AddScoped<IPolicyStore, PolicyStore>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        // Idempotency-Key: keys and first responses, and the cleanup of expired ones.
        services.AddIdempotencyStore();
        return services;
    }
}

sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
