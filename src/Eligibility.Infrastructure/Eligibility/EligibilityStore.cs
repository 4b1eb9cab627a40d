using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eligibility.Infrastructure.Eligibility;

public static class EligibilityInfrastructure
{
    public static IServiceCollection AddEligibilityStore(this IServiceCollection services) =>
        services.AddScoped<IEligibilityStore, EligibilityStore>();
}

sealed class EligibilityStore(EligibilityDbContext db, NpgsqlDataSource dataSource) : IEligibilityStore
{
    public async Task<IReadOnlyList<HouseholdEligibilityFacts>> Facts(IReadOnlyCollection<Guid> householdIds, CancellationToken ct)
    {
        if (householdIds.Count == 0)
            return [];
        var ids = householdIds.ToArray();

        // Three statements, one round trip, whatever the number of households (lookup sends up to 1,000).
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT h.id, h.commune_code, c.area_type, c.especially_difficult
            FROM households h JOIN communes c ON c.code = h.commune_code
            WHERE h.id = ANY ($1)
            """, ids));
        // The order GET /api/v1/households/{id} lists members in (head first, then by date of birth), id breaking ties:
        // job-creation's members[i] refers to it.
        batch.BatchCommands.Add(Command("""
            SELECT m.household_id, m.id, m.date_of_birth, m.sex, m.ethnic_minority, m.has_disability
            FROM members m
            WHERE m.household_id = ANY ($1)
            ORDER BY m.household_id, m.relationship <> 'head', m.date_of_birth, m.id
            """, ids));
        // Recognition order: the engine lets the later of two statuses effective the same day win.
        batch.BatchCommands.Add(Command("""
            SELECT s.household_id, s.classification, s.effective_date, s.standard_code, s.income_per_person_monthly, s.deprivation_count
            FROM household_statuses s
            WHERE s.household_id = ANY ($1)
            ORDER BY s.household_id, s.recognised_at, s.review_id
            """, ids));
        await using var reader = await batch.ExecuteReaderAsync(ct);

        var households = new List<(Guid Id, string Commune, AreaType Area, bool Difficult)>();
        while (await reader.ReadAsync(ct))
            households.Add((reader.GetGuid(0), reader.GetString(1), EnumText.Parse<AreaType>(reader.GetString(2)), reader.GetBoolean(3)));

        await reader.NextResultAsync(ct);
        var members = new List<(Guid Household, StoredMember Member)>();
        while (await reader.ReadAsync(ct))
            members.Add((reader.GetGuid(0), new StoredMember(reader.GetGuid(1), new MemberProfile(
                reader.GetFieldValue<DateOnly>(2), EnumText.Parse<Sex>(reader.GetString(3)), reader.GetBoolean(4), reader.GetBoolean(5)))));

        await reader.NextResultAsync(ct);
        var statuses = new List<(Guid Household, RecognisedStatus Status)>();
        while (await reader.ReadAsync(ct))
            statuses.Add((reader.GetGuid(0), new RecognisedStatus(
                EnumText.Parse<Classification>(reader.GetString(1)), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                reader.GetDecimal(4), reader.GetInt32(5))));

        var membersOf = members.ToLookup(m => m.Household, m => m.Member);
        var statusesOf = statuses.ToLookup(s => s.Household, s => s.Status);
        return households.Select(h => new HouseholdEligibilityFacts(h.Id, h.Commune, h.Area, h.Difficult,
            membersOf[h.Id].ToList(), statusesOf[h.Id].ToList())).ToList();
    }

    static NpgsqlBatchCommand Command(string sql, Guid[] ids) => new(sql) { Parameters = { new NpgsqlParameter { Value = ids } } };

    /// <summary>
    /// One query for the page and one for the count. The status in force on @asOf is the row of household_statuses
    /// with effective_date &lt;= @asOf &lt; valid_to (valid_to settled at recognition), so each programme is a plain
    /// condition on that row: no evaluation per household. Only fixed SQL fragments go into the text.
    /// EXPLAIN (ANALYZE) on 20,000 generated households of a commune with 3 statuses each (findings in
    /// db/migrations/0003_eligibility_indexes.sql): the status programmes read exactly the commune's rows in force
    /// through a BitmapOr on household_statuses_in_force / _income_150, then join households and top-N sort
    /// (5-45 ms); job-creation walks households_commune_order in list order and stops after the page (1 ms).
    /// </summary>
    public async Task<Paged<EligibleHousehold>> EligibleHouseholds(EligibleHouseholdsFilter filter, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { new("commune", filter.CommuneCode), new("asOf", filter.AsOf) };
        string from, countFrom, where, validUntil;
        const string InForce = "s.effective_date <= @asOf AND (s.valid_to IS NULL OR s.valid_to > @asOf)";
        if (filter.Programme == ProgrammeCodes.JobCreation)
        {
            // Any household with a member of full age, whatever its status; the status in force is shown when there is one.
            from = $"""
                households h
                LEFT JOIN LATERAL (
                    SELECT s.classification, s.effective_date FROM household_statuses s
                    WHERE s.household_id = h.id AND {InForce}
                    ORDER BY s.effective_date DESC, s.recognised_at DESC LIMIT 1) s ON true
                """;
            countFrom = "households h";
            where = "h.commune_code = @commune AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.date_of_birth <= @bornBy)";
            parameters.Add(new("bornBy", filter.BornOnOrBefore ?? throw new ArgumentException("job-creation needs BornOnOrBefore.", nameof(filter))));
            validUntil = "NULL::date";
        }
        else
        {
            from = countFrom = "household_statuses s JOIN households h ON h.id = s.household_id";
            where = $"s.commune_code = @commune AND {InForce} AND " + filter.Programme switch
            {
                ProgrammeCodes.PoorHousehold => "s.classification = 'poor'",
                ProgrammeCodes.NearPoorHousehold => "s.classification = 'near-poor'",
                // Eligible while @asOf < escape date + window (date + interval clamps 29 February as DateOnly.AddYears does).
                ProgrammeCodes.NewlyEscapedHousehold =>
                    "s.classification IN ('middle-living', 'not-poor') AND s.escape_date IS NOT NULL AND s.escape_date + make_interval(years => @window) > @asOf",
                ProgrammeCodes.Income150 => "s.within_income_150",
                _ => throw new ArgumentException($"No list query for programme {filter.Programme}.", nameof(filter)),
            };
            validUntil = filter.Programme == ProgrammeCodes.NewlyEscapedHousehold
                ? "(s.escape_date + make_interval(years => @window))::date - 1"
                : "NULL::date";
            if (filter.Programme == ProgrammeCodes.NewlyEscapedHousehold)
                parameters.Add(new("window", filter.WindowYears ?? throw new ArgumentException("newly-escaped needs WindowYears.", nameof(filter))));
        }
        if (filter.VillageId is { } village)
        {
            where += " AND h.village_id = @village";
            parameters.Add(new("village", village));
        }

        var pageSql = $"""
            SELECT h.id AS "HouseholdId", h.head_name AS "HeadName", h.village_id AS "VillageId", v.name AS "VillageName",
                   s.classification AS "Classification", s.effective_date AS "StatusEffectiveDate", {validUntil} AS "ValidUntil"
            FROM {from}
            JOIN villages v ON v.id = h.village_id
            WHERE {where}
            ORDER BY h.head_name, h.id
            LIMIT @limit OFFSET @offset
            """;
        var countSql = $"""SELECT count(*) AS "Value" FROM {countFrom} WHERE {where}""";
        var rows = await db.Database.SqlQueryRaw<Row>(pageSql,
                [.. parameters.Select(Clone), new NpgsqlParameter("limit", filter.PageSize), new NpgsqlParameter("offset", (filter.Page - 1L) * filter.PageSize)])
            .ToListAsync(ct);
        var total = await db.Database.SqlQueryRaw<long>(countSql, [.. parameters]).SingleAsync(ct);
        return new(rows.Select(r => new EligibleHousehold(r.HouseholdId, r.HeadName, r.VillageId, r.VillageName,
                r.Classification is null ? null : EnumText.Parse<Classification>(r.Classification), r.StatusEffectiveDate, r.ValidUntil)).ToList(),
            filter.Page, filter.PageSize, total);
    }

    static NpgsqlParameter Clone(NpgsqlParameter p) => new(p.ParameterName, p.Value);

    sealed record Row(Guid HouseholdId, string HeadName, Guid VillageId, string VillageName, string? Classification, DateOnly? StatusEffectiveDate, DateOnly? ValidUntil);
}
