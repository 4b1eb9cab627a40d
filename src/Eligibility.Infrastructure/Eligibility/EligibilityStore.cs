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
        services.AddScoped<IEligibilityStore, EligibilityStore>().AddSingleton<ILookupQuota, LookupQuotaStore>();
}

sealed class EligibilityStore(NpgsqlDataSource dataSource) : IEligibilityStore
{
    // The facts of households in one statement, one row per household, whatever their number (lookup sends up to 1,000):
    // members and statuses come as parallel arrays. Members in the order GET /api/v1/households/{id} lists them (head
    // first, then by date of birth, id breaking ties: job-creation's members[i] refers to it); statuses in recognition
    // order (the engine lets the later of two statuses effective the same day win). Each text is constant, so Npgsql
    // prepares it once per connection. {0}: which households (household_id), each with the personal ID numbers asked
    // for that its members hold (asked; NULL when households are asked for by id).
    const string FactsTemplate = """
        SELECT h.id, h.commune_code, c.area_type, c.especially_difficult,
               m.ids, m.births, m.sexes, m.minorities, m.disabilities,
               s.classifications, s.effective, s.standards, s.incomes, s.deprivations, k.asked, m.carers
        FROM ({0}) k
        JOIN households h ON h.id = k.household_id
        JOIN communes c ON c.code = h.commune_code
        CROSS JOIN LATERAL (
            SELECT array_agg(m.id ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS ids,
                   array_agg(m.date_of_birth ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS births,
                   array_agg(m.sex ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS sexes,
                   array_agg(m.ethnic_minority ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS minorities,
                   array_agg(m.has_disability ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS disabilities,
                   array_agg(m.cares_for_severe_disability ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS carers
            FROM members m WHERE m.household_id = h.id) m
        CROSS JOIN LATERAL (
            SELECT array_agg(s.classification ORDER BY s.recognised_at, s.review_id) AS classifications,
                   array_agg(s.effective_date ORDER BY s.recognised_at, s.review_id) AS effective,
                   array_agg(s.standard_code ORDER BY s.recognised_at, s.review_id) AS standards,
                   array_agg(s.income_per_person_monthly ORDER BY s.recognised_at, s.review_id) AS incomes,
                   array_agg(s.deprivation_count ORDER BY s.recognised_at, s.review_id) AS deprivations
            FROM household_statuses s WHERE s.household_id = h.id) s
        """;

    static readonly string FactsById = string.Format(FactsTemplate, "SELECT DISTINCT unnest($1::uuid[]) AS household_id, NULL::text[] AS asked");

    // One household (GET /households/{id}/eligibility, the hottest read) gets its own text. With an array the server
    // estimates ten rows for the generic plan and one for each custom plan, so it never settles on the generic plan and
    // plans the statement again on every execution: measured at four times the statement's own execution time.
    static readonly string FactsOfOne = string.Format(FactsTemplate, "SELECT $1::uuid AS household_id, NULL::text[] AS asked");

    // The holders found through members_personal_id, then their households' facts: one round trip for the lookup.
    static readonly string FactsByPersonalId = string.Format(FactsTemplate, """
        SELECT w.household_id, array_agg(w.personal_id) AS asked FROM members w WHERE w.personal_id = ANY ($1::text[]) GROUP BY w.household_id
        """);

    public async Task<IReadOnlyList<HouseholdEligibilityFacts>> Facts(IReadOnlyCollection<Guid> householdIds, CancellationToken ct) =>
        householdIds.Count switch
        {
            0 => [],
            1 => (await ReadFacts(FactsOfOne, householdIds.First(), 1, ct)).Select(f => f.Facts).ToList(),
            _ => (await ReadFacts(FactsById, householdIds.ToArray(), householdIds.Count, ct)).Select(f => f.Facts).ToList(),
        };

    public async Task<IReadOnlyList<HeldFacts>> FactsOfHolders(IReadOnlyCollection<string> personalIds, CancellationToken ct) =>
        personalIds.Count == 0 ? [] : await ReadFacts(FactsByPersonalId, personalIds.ToArray(), personalIds.Count, ct);

    async Task<List<HeldFacts>> ReadFacts(string sql, object keys, int expected, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(ct);

        var facts = new List<HeldFacts>(expected);
        while (await reader.ReadAsync(ct))
        {
            var members = new List<StoredMember>();
            if (!reader.IsDBNull(4))
            {
                var ids = reader.GetFieldValue<Guid[]>(4);
                var births = reader.GetFieldValue<DateOnly[]>(5);
                var sexes = reader.GetFieldValue<string[]>(6);
                var minorities = reader.GetFieldValue<bool[]>(7);
                var disabilities = reader.GetFieldValue<bool[]>(8);
                var carers = reader.GetFieldValue<bool[]>(15);
                for (var i = 0; i < ids.Length; i++)
                    members.Add(new StoredMember(ids[i], new MemberProfile(births[i], EnumText.Parse<Sex>(sexes[i]), minorities[i], disabilities[i], carers[i])));
            }
            var statuses = new List<RecognisedStatus>();
            if (!reader.IsDBNull(9))
            {
                var classifications = reader.GetFieldValue<string[]>(9);
                var effective = reader.GetFieldValue<DateOnly[]>(10);
                var standards = reader.GetFieldValue<string[]>(11);
                var incomes = reader.GetFieldValue<decimal[]>(12);
                var deprivations = reader.GetFieldValue<int[]>(13);
                for (var i = 0; i < classifications.Length; i++)
                    statuses.Add(new RecognisedStatus(EnumText.Parse<Classification>(classifications[i]), effective[i], standards[i],
                        incomes[i], deprivations[i]));
            }
            facts.Add(new HeldFacts(reader.IsDBNull(14) ? [] : reader.GetFieldValue<string[]>(14),
                new HouseholdEligibilityFacts(reader.GetGuid(0), reader.GetString(1), EnumText.Parse<AreaType>(reader.GetString(2)),
                    reader.GetBoolean(3), members, statuses)));
        }
        return facts;
    }


    /// <summary>
    /// A query for the page and one for the count, in one round trip. The status in force on @asOf is the row of
    /// household_statuses with effective_date &lt;= @asOf &lt; valid_to (valid_to settled at recognition), so each
    /// programme is a plain condition on that row: no evaluation per household. Only fixed SQL fragments go into the
    /// text. Plans at 1,000,000 households in bench/README.md: the status programmes read the commune's rows in force
    /// through household_statuses_in_force / _income_150, then join households and top-N sort; job-creation walks
    /// households_commune_order in list order and stops after the page.
    /// </summary>
    public async Task<Paged<EligibleHousehold>> EligibleHouseholds(EligibleHouseholdsFilter filter, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { new("commune", filter.CommuneCode), new("asOf", filter.AsOf) };
        // The count reads the narrowest table that answers it (countWhere null: the page's condition).
        string from, where, countFrom, validUntil;
        string? countWhere = null;
        const string InForce = "s.effective_date <= @asOf AND (s.valid_to IS NULL OR s.valid_to > @asOf)";
        if (filter.Programme == ProgrammeCodes.JobCreation)
        {
            // Any household with a member of full age, whatever its status; the status in force is shown when there is one.
            // "Has a member of full age" is "its eldest member was born on or before bornBy" (household_eldest_member,
            // kept by triggers on members, migration 0014): the count is one index range, the page one probe per row.
            from = $"""
                households h
                JOIN household_eldest_member e ON e.household_id = h.id
                LEFT JOIN LATERAL (
                    SELECT s.classification, s.effective_date FROM household_statuses s
                    WHERE s.household_id = h.id AND {InForce}
                    ORDER BY s.effective_date DESC, s.recognised_at DESC LIMIT 1) s ON true
                """;
            // The page walks households_commune_order in list order, probes each household's row and stops after the
            // page (naming e.commune_code too made the planner misjudge the join and sort all 12,000, bench/README.md).
            where = "h.commune_code = @commune AND e.eldest_born <= @bornBy";
            (countFrom, countWhere) = ("household_eldest_member e", "e.commune_code = @commune AND e.eldest_born <= @bornBy");
            parameters.Add(new("bornBy", filter.BornOnOrBefore ?? throw new ArgumentException("job-creation needs BornOnOrBefore.", nameof(filter))));
            validUntil = "NULL::date";
        }
        else
        {
            from = "household_statuses s JOIN households h ON h.id = s.household_id";
            // The status row carries the commune, and its household exists (foreign key): the count needs no households
            // (2 ms against 12 ms for income-150's 2,093 rows in force, bench/README.md).
            countFrom = "household_statuses s";
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
            // The village is the household's: that count needs the page's tables.
            (countFrom, countWhere) = (from, null);
        }

        // The page is chosen first and only its rows are joined to villages (income-150 has thousands of rows in force
        // in a large commune: joining them all made the planner hash the whole villages table).
        var pageSql = $"""
            SELECT p.id, p.head_name, p.village_id, v.name, p.classification, p.effective_date, p.valid_until
            FROM (
                SELECT h.id, h.head_name, h.village_id, s.classification, s.effective_date, {validUntil} AS valid_until
                FROM {from}
                WHERE {where}
                ORDER BY h.head_name, h.id
                LIMIT @limit OFFSET @offset) p
            JOIN villages v ON v.id = p.village_id
            ORDER BY p.head_name, p.id
            """;
        var countSql = $"""SELECT count(*) FROM {countFrom} WHERE {countWhere ?? where}""";

        // Page and count in one round trip.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(pageSql, [.. parameters.Select(Clone), new("limit", filter.PageSize), new("offset", (filter.Page - 1L) * filter.PageSize)]));
        batch.BatchCommands.Add(Command(countSql, parameters.Select(Clone)));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var items = new List<EligibleHousehold>(filter.PageSize);
        while (await reader.ReadAsync(ct))
            items.Add(new EligibleHousehold(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : EnumText.Parse<Classification>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6)));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new(items, filter.Page, filter.PageSize, reader.GetInt64(0));
    }

    static NpgsqlBatchCommand Command(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    static NpgsqlParameter Clone(NpgsqlParameter p) => new(p.ParameterName, p.Value);
}
