using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Requests fired at once that a unique constraint, an exclusion constraint or a row version lets only one of through:
/// one succeeds, every other is refused with a code (409, or the 422 the same request gets when sent alone), never a 500.
/// </summary>
public sealed class RaceTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    const int Parallel = 10;
    const string Filed = "2026-03-01";

    static Guid Id(JsonNode node) => (Guid)node["id"]!;

    /// <summary>Sends the requests together; asserts one has the success status and every other the refusal with the code.</summary>
    static async Task<int> OneWins(int count, Func<int, Task<HttpResponseMessage>> send, HttpStatusCode success, HttpStatusCode refusal,
        params string[] codes)
    {
        var responses = await Together.Send(count, send);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == (int)success) == 1, $"Expected one {(int)success}, got: {string.Join(", ", statuses)}");
        foreach (var refused in responses.Where(r => r.StatusCode != success))
        {
            var problem = await refused.ExpectProblem(refusal);
            Assert.Contains((string)problem["code"]!, codes);
        }
        return statuses.IndexOf((int)success);
    }

    static Task<int> OneCreated(Func<int, Task<HttpResponseMessage>> send, params string[] codes) =>
        OneWins(Parallel, send, HttpStatusCode.Created, HttpStatusCode.Conflict, codes);

    async Task<(Guid Association, HttpClient Officer, Guid Group)> Group(string commune, string kind, string name, Guid village)
    {
        var association = Id(await (await api.Official(commune).Post($"/api/v1/communes/{commune}/associations", new { kind })).Expect(HttpStatusCode.Created));
        var officer = api.AssociationOfficer(association);
        var group = Id(await (await officer.Post($"/api/v1/associations/{association}/groups",
            new { name, villageIds = new[] { village }, leaderName = "Trần Thị Lan" })).Expect(HttpStatusCode.Created));
        return (association, officer, group);
    }

    async Task<JsonNode> PoorHousehold(string commune, Guid village, string head)
    {
        var household = await Household(api, commune, village, Adult(head, "1980-04-02", personalId: NewPersonalId("male", 1980)));
        await Statuses(api, Id(household), new StatusSpec("poor", "2026-01-01"));
        return household;
    }

    [Fact]
    public async Task AMeetingsDecisionAndAWithdrawalOfOneRequest_TwentyTimes_EachEndWithOneWinnerAndOne409()
    {
        var (_, officer, group) = await Group(UrbanCommune, "womens-union", "Tổ đua tranh", api.UrbanVillage);
        var household = await PoorHousehold(UrbanCommune, api.UrbanVillage, "Nguyễn Văn Đua");
        await (await officer.Post($"/api/v1/groups/{group}/members", new { householdId = Id(household), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);

        for (var round = 0; round < 20; round++)
        {
            // A rejection leaves the household free to file again in the next round.
            var filed = Id(await (await officer.Post($"/api/v1/groups/{group}/loan-requests", new
            {
                householdId = Id(household), borrowerMemberId = (Guid)household["members"]![0]!["id"]!, programme = "poor-household",
                amount = 30_000_000, purpose = "Nuôi bò sinh sản", termMonths = 36, filedOn = Filed,
            })).Expect(HttpStatusCode.Created));
            var meetings = await api.Scalar<long>("SELECT count(*) FROM group_meetings WHERE group_id = @g", ("g", group));

            var raced = await Together.Send(2, i => i == 0
                ? officer.Post($"/api/v1/groups/{group}/meetings", new
                {
                    heldOn = "2026-03-10", attendees = 12, membersTotal = 15, chairedBy = "Trần Thị Lan",
                    decisions = new[] { new { requestId = filed, decision = "rejected", reason = "Phương án chưa khả thi" } },
                })
                : officer.Post($"/api/v1/loan-requests/{filed}/withdrawal", new { }));
            var (decided, withdrawn) = (raced[0], raced[1]);

            var statuses = $"meeting {(int)decided.StatusCode}, withdrawal {(int)withdrawn.StatusCode} (round {round})";
            Assert.True(decided.StatusCode == HttpStatusCode.Created ^ withdrawn.StatusCode == HttpStatusCode.OK, statuses);
            var loser = decided.StatusCode == HttpStatusCode.Created ? withdrawn : decided;
            Assert.Contains((string)(await loser.ExpectProblem(HttpStatusCode.Conflict))["code"]!, new[] { "request-not-pending", "changed-meanwhile" });

            var stored = await (await officer.GetAsync($"/api/v1/loan-requests/{filed}")).Expect(HttpStatusCode.OK);
            var meetingStored = await api.Scalar<long>("SELECT count(*) FROM group_meetings WHERE group_id = @g", ("g", group)) - meetings;
            if (decided.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal("rejected", (string)stored["status"]!);
                Assert.Equal(Id(await decided.Json()), (Guid)stored["meetingId"]!);
                Assert.Equal(1, meetingStored);
            }
            else
            {
                Assert.Equal("withdrawn", (string)stored["status"]!);
                Assert.Null(stored["meetingId"]);
                Assert.Equal(0, meetingStored);
            }
        }
    }

    [Fact]
    public async Task AWithdrawal_HonoursIfMatchWhenSent()
    {
        var (_, officer, group) = await Group(RuralCommune, "farmers-union", "Tổ If-Match", api.RuralVillage);
        var household = await PoorHousehold(RuralCommune, api.RuralVillage, "Ka Hơ Rút");
        await (await officer.Post($"/api/v1/groups/{group}/members", new { householdId = Id(household), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);
        var created = await officer.Post($"/api/v1/groups/{group}/loan-requests", new
        {
            householdId = Id(household), borrowerMemberId = (Guid)household["members"]![0]!["id"]!, programme = "poor-household",
            amount = 30_000_000, purpose = "Trồng cà phê", termMonths = 36, filedOn = Filed,
        });
        var id = Id(await created.Expect(HttpStatusCode.Created));
        var read = await officer.GetAsync($"/api/v1/loan-requests/{id}");
        await read.Expect(HttpStatusCode.OK);
        Assert.Equal(created.ETag(), read.ETag());

        var stale = await officer.Post($"/api/v1/loan-requests/{id}/withdrawal", new { }, "\"1\"");
        Assert.Equal("stale-version", (string)(await stale.ExpectProblem(HttpStatusCode.PreconditionFailed))["code"]!);
        var withdrawn = await officer.Post($"/api/v1/loan-requests/{id}/withdrawal", new { }, read.ETag());
        Assert.Equal("withdrawn", (string)(await withdrawn.Expect(HttpStatusCode.OK))["status"]!);
        Assert.NotEqual(read.ETag(), withdrawn.ETag());
    }

    [Fact]
    public async Task TenJoinsOfOneHousehold_OneIsCreated_NineAreAlreadyMember_AndTenLeavesLikewise()
    {
        var (_, officer, group) = await Group(UrbanCommune, "veterans-association", "Tổ mười lần", api.UrbanVillage2);
        var household = await PoorHousehold(UrbanCommune, api.UrbanVillage2, "Lê Văn Mười");
        var members = $"/api/v1/groups/{group}/members";

        await OneCreated(_ => officer.Post(members, new { householdId = Id(household), joinedOn = "2026-02-01" }), "already-member");
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM group_memberships WHERE group_id = @g", ("g", group)));

        var winner = await OneWins(Parallel, i => officer.Post($"{members}/{Id(household)}/leave", new { leftOn = $"2026-03-{i + 10}" }),
            HttpStatusCode.OK, HttpStatusCode.Conflict, "already-left", "changed-meanwhile");
        Assert.Equal(new DateOnly(2026, 3, winner + 10), await api.Scalar<DateOnly>(
            "SELECT left_on FROM group_memberships WHERE group_id = @g", ("g", group)));
    }

    [Fact]
    public async Task ParallelCreations_OfVillagesAssociationsGroupsAndHouseholds_CreateOne()
    {
        var official = api.Official(OtherProvinceCommune);
        await OneCreated(_ => official.Post($"/api/v1/communes/{OtherProvinceCommune}/villages", new { name = "Khu phố Đua" }), "village-name-taken");
        await OneCreated(_ => official.Post($"/api/v1/communes/{OtherProvinceCommune}/associations", new { kind = "youth-union" }), "association-exists");

        var association = await api.Scalar<Guid>("SELECT id FROM associations WHERE commune_code = @c AND kind = 'youth-union'", ("c", OtherProvinceCommune));
        var officer = api.AssociationOfficer(association);
        await OneCreated(_ => officer.Post($"/api/v1/associations/{association}/groups",
            new { name = "Tổ trùng tên", villageIds = new[] { api.OtherProvinceVillage }, leaderName = "Đỗ Thị Tâm" }), "group-name-taken");

        // Two households cannot hold one person: the same ID number recorded ten times at once is one household.
        var personalId = NewPersonalId("female", 1985);
        await OneCreated(i => official.Post("/api/v1/households", Household(OtherProvinceCommune, api.OtherProvinceVillage,
            Member("Đỗ Thị Trùng", "1985-05-05", "female", "head", personalId))), "personal-id-in-another-household");
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM members WHERE personal_id = @p", ("p", personalId)));
    }

    [Fact]
    public async Task ParallelFilingsOfOneOpenRequest_FileOne_TheOthersAreRefusedAsWhenSentAlone()
    {
        var (_, officer, group) = await Group(RuralCommune, "womens-union", "Tổ nộp đơn", api.RuralVillage);
        var household = await PoorHousehold(RuralCommune, api.RuralVillage, "Ka Điệp Đơn");
        await (await officer.Post($"/api/v1/groups/{group}/members", new { householdId = Id(household), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);

        await OneWins(Parallel, i => officer.Post($"/api/v1/groups/{group}/loan-requests", new
        {
            householdId = Id(household), borrowerMemberId = (Guid)household["members"]![0]!["id"]!, programme = "poor-household",
            amount = 30_000_000 + i, purpose = "Nuôi heo", termMonths = 36, filedOn = Filed,
        }), HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity, "open-request-exists");
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM loan_requests WHERE household_id = @h", ("h", Id(household))));
    }

    [Fact]
    public async Task ParallelRoundRequestsAndReviews_OfOneHousehold_RecordOne()
    {
        var procedure = new ProcedureArrange(api);
        var round = await procedure.RegularRound(UrbanCommune, "2026-10");
        var (household, _) = await procedure.Household(UrbanCommune, api.UrbanVillage, "Phan Thị Vòng");

        await OneCreated(_ => procedure.Client(UrbanCommune).Post($"/api/v1/review-rounds/{round}/requests",
            new { householdId = household, filedOn = "2026-10-01", reason = "Gia đình có người ốm nặng" }), "request-already-filed");
        await OneCreated(_ => procedure.TryReview(UrbanCommune, round, household, "2026-10-05", periodic: false), "review-in-progress");
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM poverty_reviews WHERE round_id = @r AND household_id = @h",
            ("r", round), ("h", household)));
    }

    [Fact]
    public async Task ParallelPolicyVersionsAndHolidays_OfOneDate_StoreOne()
    {
        var admin = api.Admin();
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(7).ToString("yyyy-MM-dd");
        await OneCreated(i => admin.Post("/api/v1/admin/standards/2027-2030/figures", new
        {
            effectiveFrom = from, ruralLine = 2_400_000 + i, urbanLine = 3_000_000, middleLivingFactor = 1.5, deprivationThreshold = 3, legalBasis = "Decree (race)",
        }), "version-exists");
        await OneCreated(i => admin.Post("/api/v1/admin/programmes/near-poor-household/terms", new
        {
            effectiveFrom = from, maxAmount = 150_000_000 + i, amountBasis = "per-household", maxTermMonths = 120, annualRatePercent = 6.0, legalBasis = "Decision (race)",
        }), "version-exists");
        await OneCreated(i => admin.Post("/api/v1/admin/public-holidays", new
        {
            day = from, nameVi = $"Nghỉ bù {i}", nameEn = "Compensatory day off", legalBasis = "Thông báo (race)",
        }), "holiday-exists");
    }

    [Fact]
    public async Task AConstraintNoStoreForesees_Is409Conflict_NotA500()
    {
        await api.Execute("CREATE UNIQUE INDEX race_test_one_address ON households (address) WHERE address = 'Số 1 Ngõ Trùng'");
        try
        {
            var official = api.Official(UrbanCommune);
            var household = new
            {
                communeCode = UrbanCommune, villageId = api.UrbanVillage, address = "Số 1 Ngõ Trùng",
                members = new[] { Member("Vũ Văn Một", "1970-01-01", "male", "head") },
            };
            await (await official.Post("/api/v1/households", household)).Expect(HttpStatusCode.Created);
            var refused = await (await official.Post("/api/v1/households", household)).ExpectProblem(HttpStatusCode.Conflict);
            Assert.Equal("conflict", (string)refused["code"]!);
            Assert.DoesNotContain("race_test", refused.ToJsonString());
        }
        finally
        {
            await api.Execute("DROP INDEX race_test_one_address");
        }
    }

    [Fact]
    public async Task EveryUniqueAndExclusionConstraintOfTheSchema_HasItsCode()
    {
        // Keys of ids the server generates (and composite keys that start with one) cannot be hit by a request;
        // idempotency keys, lookup quotas, indicator thresholds and the audit chain are written with ON CONFLICT or under a lock.
        var constraints = new List<string>();
        await using (var connection = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                SELECT i.relname FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype = 'x'
                WHERE (x.indisunique OR c.oid IS NOT NULL)
                  AND t.relname NOT IN ('idempotency_keys', 'lookup_quota', 'indicator_thresholds', 'audit_log', 'audit_chain_head', 'schema_migrations', 'household_eldest_member')
                  AND (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]) IS DISTINCT FROM 'id'
                  AND NOT (t.relname IN ('provinces', 'communes', 'poverty_standards', 'loan_programmes', 'standard_indicators', 'household_statuses')
                           AND x.indisprimary)
                ORDER BY 1
                """, connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                constraints.Add(reader.GetString(0));
        }
        Assert.Contains("group_memberships_pkey", constraints);
        Assert.Contains("members_household_id_excl", constraints);
        Assert.Contains("poverty_reviews_round_household", constraints);
        Assert.Empty(constraints.Except(Http.ConstraintConflicts.Names));
    }
}
