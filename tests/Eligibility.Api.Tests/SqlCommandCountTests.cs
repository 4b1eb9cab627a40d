using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Npgsql;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Counts the SQL round trips (Npgsql commands and batches, EF's and raw ones alike, through Npgsql's ActivitySource)
/// each list request makes against this class's database, and fails when the count grows with the page size (or, for
/// the lists without paging, with the number of rows): the N+1 query that a page of 100 turns into 100 queries.
/// </summary>
public sealed class SqlCommandCountApi : IAsyncLifetime
{
    public RegistryApi Api { get; } = new();
    public const int Rows = 120;
    public Guid GroupOne { get; } = Guid.NewGuid();
    public Guid GroupMany { get; } = Guid.NewGuid();
    public Guid Association { get; } = Guid.NewGuid();
    public Guid RoundOne { get; } = Guid.NewGuid();
    public Guid RoundMany { get; } = Guid.NewGuid();

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        var RuralVillage = Api.RuralVillage;
        // Set-based, as bench/sql/generate.sql does: Rows households of the rural commune with an adult head, a poor
        // status each; an association with two groups (1 and 100 requests, pending and approved); Rows confirmation
        // lists; two review rounds with 1 and 100 requests; audit entries come from the requests themselves.
        await Api.Execute($"""
            INSERT INTO households (id, province_code, commune_code, village_id, address, head_name, member_names, created_at, updated_at)
            SELECT md5('h' || i)::uuid, '68', '{RuralCommune}', '{RuralVillage}', 'Thôn ' || i, 'Nguyễn Văn ' || lpad(i::text, 3, '0'),
                   'Nguyễn Văn ' || lpad(i::text, 3, '0'), now(), now()
            FROM generate_series(1, {Rows}) i;
            INSERT INTO members (id, household_id, province_code, full_name, date_of_birth, sex, relationship, personal_id, ethnicity,
                ethnic_minority, has_disability, has_health_insurance, schooling, receives_social_allowance)
            SELECT md5('m' || i)::uuid, md5('h' || i)::uuid, '68', 'Nguyễn Văn ' || lpad(i::text, 3, '0'), DATE '1970-01-01', 'male', 'head',
                   '068070' || lpad(i::text, 6, '0'), 'Kinh', false, false, true, NULL, false
            FROM generate_series(1, {Rows}) i;
            INSERT INTO poverty_reviews (id, household_id, province_code, commune_code, kind, period_year, survey_date, effective_date, standard_code,
                area_type, poverty_line, middle_living_ceiling, member_count, income_per_person_monthly, deprivation_count, classification,
                indicators, reasons, standard_reason, status, decision_number, decision_date, signer, recognised_at, created_at)
            SELECT md5('r' || i)::uuid, md5('h' || i)::uuid, '68', '{RuralCommune}', 'periodic', 2023, DATE '2023-10-15', DATE '2024-01-01', '2022-2025',
                   'rural', 1500000, 2250000, 1, 1000000, 4, 'poor', '[]', '[]', jsonb_build_object('code', 'periodic-review', 'messageVi', 'x', 'messageEn', 'x'),
                   'recognised', '1/QĐ-UBND', DATE '2023-12-20', 'Chủ tịch', now(), now()
            FROM generate_series(1, {Rows}) i;
            INSERT INTO household_statuses (review_id, household_id, province_code, commune_code, classification, standard_code, effective_date,
                valid_to, income_per_person_monthly, deprivation_count, within_income_150, escape_date, decision_number, decision_date, signer, recognised_at)
            SELECT md5('r' || i)::uuid, md5('h' || i)::uuid, '68', '{RuralCommune}', 'poor', '2022-2025', DATE '2024-01-01', NULL, 1000000, 4, true,
                   NULL, '1/QĐ-UBND', DATE '2023-12-20', 'Chủ tịch', now()
            FROM generate_series(1, {Rows}) i;

            INSERT INTO associations (id, province_code, commune_code, kind, name, created_at)
            VALUES ('{Association}', '68', '{RuralCommune}', 'womens-union', 'Hội LHPN', now());
            INSERT INTO savings_groups (id, province_code, commune_code, association_id, name, leader_name, created_at) VALUES
                ('{GroupOne}', '68', '{RuralCommune}', '{Association}', 'Tổ 1', 'Trưởng tổ', now()),
                ('{GroupMany}', '68', '{RuralCommune}', '{Association}', 'Tổ 2', 'Trưởng tổ', now());
            INSERT INTO group_meetings (id, group_id, province_code, commune_code, held_on, attendees, members_total, chaired_by, created_at)
            SELECT md5('meeting' || g)::uuid, g, '68', '{RuralCommune}', DATE '2026-01-10', 1, 1, 'Trưởng tổ', now()
            FROM unnest(ARRAY['{GroupOne}', '{GroupMany}']::uuid[]) g;
            -- Household i (1..100) in GroupMany, household 101 in GroupOne: one pending job-creation and one approved
            -- poor-household request each.
            INSERT INTO loan_requests (id, household_id, province_code, commune_code, group_id, association_id, borrower_member_id, borrower_name,
                programme_code, amount, purpose, term_months, filed_on, eligibility, status, meeting_id, created_at, updated_at)
            SELECT md5(p || i)::uuid, md5('h' || i)::uuid, '68', '{RuralCommune}', g, '{Association}', md5('m' || i)::uuid,
                   'Nguyễn Văn ' || lpad(i::text, 3, '0'), CASE p WHEN 'pending' THEN 'job-creation' ELSE 'poor-household' END, 10000000, 'Chăn nuôi',
                   12, DATE '2026-01-05', jsonb_build_object('eligible', true), p, CASE p WHEN 'approved' THEN md5('meeting' || g)::uuid END, now(), now()
            FROM generate_series(1, 101) i, unnest(ARRAY['pending', 'approved']) p,
                 LATERAL (SELECT CASE WHEN i <= 100 THEN '{GroupMany}'::uuid ELSE '{GroupOne}'::uuid END AS g) x;

            INSERT INTO confirmation_lists (id, province_code, commune_code, programme_code, as_of, status, created_by, created_at, updated_at)
            SELECT md5('list' || i)::uuid, '68', '{RuralCommune}', 'poor-household', DATE '2026-01-15', 'draft', 'test', now() - i * interval '1 minute', now()
            FROM generate_series(1, {Rows}) i;

            INSERT INTO review_rounds (id, province_code, commune_code, kind, year, month, window_start, window_end, created_at) VALUES
                ('{RoundOne}', '68', '{RuralCommune}', 'regular', 2026, 3, DATE '2026-03-01', DATE '2026-03-31', now()),
                ('{RoundMany}', '68', '{RuralCommune}', 'regular', 2026, 4, DATE '2026-04-01', DATE '2026-04-30', now());
            INSERT INTO review_round_requests (round_id, household_id, province_code, commune_code, filed_on, reason, created_at)
            SELECT CASE WHEN i <= 100 THEN '{RoundMany}'::uuid ELSE '{RoundOne}'::uuid END, md5('h' || i)::uuid, '68', '{RuralCommune}',
                   DATE '2026-03-01', 'Đề nghị rà soát', now()
            FROM generate_series(1, 101) i;
            """);
    }

    /// <summary>The SQL round trips this class's database sees while the request runs.</summary>
    public async Task<int> Commands(HttpClient client, string url)
    {
        var database = new NpgsqlConnectionStringBuilder(Api.ConnectionString).Database!;
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other test classes run in parallel on databases of their own: only this one's commands count.
                if (activity.TagObjects.Any(t => t.Key is "db.name" or "db.namespace" && Equals(t.Value, database)))
                    seen.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return seen.Count(a => a.OperationName != "connect" && !a.OperationName.Contains("open", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class SqlCommandCountTests(SqlCommandCountApi api) : IClassFixture<SqlCommandCountApi>
{
    /// <summary>The paged lists: pageSize 1, 10 and 100 over more than 100 rows.</summary>
    public static TheoryData<string, string> PagedLists => new()
    {
        { "households", $"/api/v1/communes/{RuralCommune}/households?pageSize={{0}}" },
        { "eligible poor-household", $"/api/v1/communes/{RuralCommune}/eligible-households?programme=poor-household&pageSize={{0}}" },
        { "eligible income-150", $"/api/v1/communes/{RuralCommune}/eligible-households?programme=income-150&pageSize={{0}}" },
        { "eligible job-creation", $"/api/v1/communes/{RuralCommune}/eligible-households?programme=job-creation&pageSize={{0}}" },
        { "confirmation lists", $"/api/v1/communes/{RuralCommune}/confirmation-lists?pageSize={{0}}" },
        { "audit", "/api/v1/audit?pageSize={0}" },
    };

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task A_paged_list_makes_as_many_SQL_commands_for_100_rows_as_for_1(string list, string url)
    {
        var client = list == "audit" ? api.Api.ClientFor("auditor") : api.Api.Official(RuralCommune);
        if (list == "audit") // enough entries to page through: every read of personal data is one
            for (int i = 0; i < 12; i++)
                await api.Api.Official(RuralCommune).GetAsync($"/api/v1/communes/{RuralCommune}/households?pageSize=1");
        await api.Commands(client, string.Format(url, 1)); // warm-up: caches filled once per process are not the point
        var counts = new Dictionary<int, int>();
        foreach (var size in new[] { 1, 10, 100 })
            counts[size] = await api.Commands(client, string.Format(url, size));
        Assert.True(counts[1] > 0, $"{list}: no SQL command was seen, so the counter is not counting.");
        Assert.True(counts[100] <= counts[1] && counts[10] <= counts[1],
            $"{list}: SQL commands per request grow with the page size (1: {counts[1]}, 10: {counts[10]}, 100: {counts[100]}).");
    }

    /// <summary>The lists without paging: one row against 100 rows.</summary>
    [Fact]
    public async Task An_unpaged_list_makes_as_many_SQL_commands_for_100_rows_as_for_1()
    {
        var official = api.Api.Official(RuralCommune);
        var officer = api.Api.AssociationOfficer(api.Association);
        var lists = new (string Name, HttpClient Client, string One, string Many)[]
        {
            ("group pending requests", officer, $"/api/v1/groups/{api.GroupOne}/pending-requests", $"/api/v1/groups/{api.GroupMany}/pending-requests"),
            ("group list", officer, $"/api/v1/groups/{api.GroupOne}/list", $"/api/v1/groups/{api.GroupMany}/list"),
            ("review-round households", official, $"/api/v1/review-rounds/{api.RoundOne}/households", $"/api/v1/review-rounds/{api.RoundMany}/households"),
        };
        var failures = new List<string>();
        foreach (var (name, client, one, many) in lists)
        {
            await api.Commands(client, one);
            int forOne = await api.Commands(client, one), forMany = await api.Commands(client, many);
            if (forOne == 0 || forMany > forOne)
                failures.Add($"{name}: 1 row {forOne} commands, 100 rows {forMany}");
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    /// <summary>The counter can fail: a request that queries once per row is caught by the same comparison.</summary>
    [Fact]
    public async Task The_count_grows_when_a_list_queries_once_per_row()
    {
        var official = api.Api.Official(RuralCommune);
        var page = await (await official.GetAsync($"/api/v1/communes/{RuralCommune}/households?pageSize=100")).Json();
        int one = await api.Commands(official, $"/api/v1/communes/{RuralCommune}/households?pageSize=1");
        // The N+1 shape: the page, then one request (and its queries) per row of it.
        int perRow = await api.Commands(official, $"/api/v1/communes/{RuralCommune}/households?pageSize=100");
        foreach (var item in page["items"]!.AsArray().Take(100))
            perRow += await api.Commands(official, $"/api/v1/households/{item!["id"]}");
        Assert.True(perRow > one * 10, $"a query per row should multiply the count (1: {one}, 100 with a query per row: {perRow})");
    }
}
