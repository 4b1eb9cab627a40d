using Eligibility.Application.Reports;
using Npgsql;

namespace Eligibility.Infrastructure.Reports;

sealed class ReportStore(NpgsqlDataSource dataSource) : IReportStore
{
    /// <summary>One aggregate over the province's households and the status each has in force on the day.</summary>
    public async Task<IReadOnlyList<StatusCounts>> StatusCounts(string provinceCode, DateOnly asOf, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT c.code, c.name, count(h.id),
                   count(*) FILTER (WHERE s.classification = 'poor'),
                   count(*) FILTER (WHERE s.classification = 'near-poor'),
                   count(*) FILTER (WHERE s.classification = 'middle-living'),
                   count(*) FILTER (WHERE s.classification = 'not-poor'),
                   count(h.id) FILTER (WHERE s.review_id IS NULL)
            FROM communes c
            LEFT JOIN households h ON h.commune_code = c.code
            LEFT JOIN household_statuses s ON s.household_id = h.id AND s.effective_date <= $2 AND (s.valid_to IS NULL OR s.valid_to > $2)
            WHERE c.province_code = $1
            GROUP BY c.code, c.name
            ORDER BY c.name, c.code
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = provinceCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
        var rows = new List<StatusCounts>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new StatusCounts(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        return rows;
    }
}
