using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eligibility.Infrastructure.Idempotency;

/// <summary>Deletes expired idempotency keys on a timer; a database outage only postpones it to the next tick.</summary>
public sealed class IdempotencyCleanup(NpgsqlDataSource dataSource, IdempotencyOptions options, TimeProvider clock, ILogger<IdempotencyCleanup> logger)
    : BackgroundService
{
    public async Task<int> DeleteExpired(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE expires_at <= $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CleanupInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await DeleteExpired(stoppingToken);
                    if (deleted > 0)
                        logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning("Expired idempotency keys not deleted this time: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
