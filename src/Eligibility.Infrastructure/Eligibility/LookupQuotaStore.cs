using Eligibility.Application.Eligibility;
using Npgsql;

namespace Eligibility.Infrastructure.Eligibility;

/// <summary>
/// The lookup quota's counts in <c>lookup_quota</c> (migration 0045). One statement adds to the count only while the
/// sum stays within the quota, so concurrent requests on any instance can never pass it together. It commits on its
/// own, before the lookup reads anything: what was counted stays counted even if the lookup then fails, and a refused
/// request counted nothing. Days before yesterday go as a side effect (yesterday stays for an instance whose clock
/// has not reached midnight yet).
/// </summary>
sealed class LookupQuotaStore(NpgsqlDataSource dataSource) : ILookupQuota
{
    const string Use = """
        WITH expired AS (DELETE FROM lookup_quota WHERE day < $2::date - 1)
        INSERT INTO lookup_quota AS q (subject, day, used) VALUES ($1, $2, $3)
        ON CONFLICT (subject, day) DO UPDATE SET used = q.used + excluded.used WHERE q.used + excluded.used <= $4
        RETURNING q.used
        """;

    public async Task<bool> TryUse(string subject, DateOnly day, int count, int quota, CancellationToken ct)
    {
        if (count > quota)
            return false;
        await using var command = dataSource.CreateCommand(Use);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = day });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        command.Parameters.Add(new NpgsqlParameter { Value = quota });
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}
