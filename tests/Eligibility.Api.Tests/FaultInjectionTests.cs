using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Multi-row changes fail midway on a fault injected by a PostgreSQL trigger, after some of their rows were written:
/// nothing of the change may be left behind, and an Idempotency-Key used with it stays free for the retry. And every
/// idempotent POST, failing as its key is recorded, after its change: the change and its key commit together or not at all.
/// </summary>
public sealed class FaultInjectionTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    const string FaultyName = "Lỗi Giả Lập";

    /// <summary>
    /// A trigger that raises when a row of the table matches the condition, as the row is written or (deferred) at
    /// commit, after every row of the change was written; dropped again by disposing.
    /// </summary>
    async Task<IAsyncDisposable> Fault(string table, string condition, bool atCommit = false)
    {
        var name = $"fault_{Guid.NewGuid():N}";
        await api.Execute($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF {condition} THEN RAISE EXCEPTION 'injected fault'; END IF;
                RETURN NEW;
            END $$;
            CREATE {(atCommit ? "CONSTRAINT " : "")}TRIGGER {name} AFTER INSERT OR UPDATE ON {table}
                {(atCommit ? "DEFERRABLE INITIALLY DEFERRED " : "")}FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
        return new Dropper(() => api.Execute($"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();"));
    }

    sealed class Dropper(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }

    [Fact]
    public async Task AHouseholdWhoseLastMemberFails_LeavesNoHouseholdAndNoMember_AndItsKeyStaysFree()
    {
        var official = api.Official(UrbanCommune);
        var address = $"Số {Guid.NewGuid():N}";
        var body = new
        {
            communeCode = UrbanCommune, villageId = api.UrbanVillage, address,
            members = new[]
            {
                Member("Bùi Văn Hải", "1970-01-01", "male", "head"),
                Member("Bùi Thị Hà", "1972-02-02", "female", "spouse"),
                Member(FaultyName, "2000-03-03", "male", "child"),
            },
        };
        var key = Keyed.NewKey();

        // The household row and two members are written before the third member fails.
        await using (await Fault("members", $"NEW.full_name = '{FaultyName}'"))
        {
            var failed = await official.PostWithKey("/api/v1/households", body, key);
            var problem = await failed.ExpectProblem(HttpStatusCode.InternalServerError);
            Assert.DoesNotContain("injected", problem.ToJsonString());
        }

        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM households WHERE address = @a", ("a", address)));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM members WHERE full_name IN ('Bùi Văn Hải', 'Bùi Thị Hà', @f)", ("f", FaultyName)));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));

        // The fault is gone: the retry with the same key is carried out, once.
        await (await official.PostWithKey("/api/v1/households", body, key)).Expect(HttpStatusCode.Created);
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM households WHERE address = @a", ("a", address)));
        Assert.Equal(3L, await api.Scalar<long>("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.address = @a", ("a", address)));
    }

    [Fact]
    public async Task ARecognitionThatFailsOnItsStatus_LeavesTheReviewAndTheEarlierStatusUntouched()
    {
        var rural = api.Official(RuralCommune);
        var household = (Guid)(await (await rural.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage,
            Member("Ka Điệp", "1985-07-07", "female", "head")))).Expect(HttpStatusCode.Created))["id"]!;
        var answers = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" };
        var poor = await (await rural.Post($"/api/v1/households/{household}/reviews", new { kind = "regular", surveyDate = "2024-02-01",
            incomePerPersonMonthly = 900_000, indicators = answers.ToDictionary(c => c, c => c is "employment" or "nutrition" or "sanitation") })).Expect(HttpStatusCode.Created);
        await (await rural.Post($"/api/v1/reviews/{poor["id"]}/recognition", new { decisionNumber = "1/QĐ", decisionDate = "2024-02-15", signer = "x" })).Expect(HttpStatusCode.OK);
        var recorded = await rural.Post($"/api/v1/households/{household}/reviews", new { kind = "regular", surveyDate = "2026-05-01",
            incomePerPersonMonthly = 5_000_000, indicators = answers.ToDictionary(c => c, _ => false) });
        var notPoor = (Guid)(await recorded.Expect(HttpStatusCode.Created))["id"]!;
        var before = await StatusRows(household);

        // Recognising ends the earlier status (an UPDATE), adds a status and marks the review recognised; the fault
        // strikes at commit, when all of that was written.
        await using (await Fault("household_statuses", "NEW.decision_number = '2/QĐ-LỖI'", atCommit: true))
            await (await rural.Post($"/api/v1/reviews/{notPoor}/recognition", new { decisionNumber = "2/QĐ-LỖI", decisionDate = "2026-05-05", signer = "x" }, recorded.ETag()))
                .ExpectProblem(HttpStatusCode.InternalServerError);

        Assert.Equal(before, await StatusRows(household));
        Assert.Equal("classified", await api.Scalar<string>("SELECT status FROM poverty_reviews WHERE id = @id", ("id", notPoor)));
        Assert.Null(await api.Scalar<string>("SELECT decision_number FROM poverty_reviews WHERE id = @id", ("id", notPoor)));

        // The review's ETag did not move either: the same If-Match recognises it once the fault is gone.
        await (await rural.Post($"/api/v1/reviews/{notPoor}/recognition", new { decisionNumber = "2/QĐ", decisionDate = "2026-05-05", signer = "x" }, recorded.ETag()))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2L, await api.Scalar<long>("SELECT count(*) FROM household_statuses WHERE household_id = @h", ("h", household)));
        Assert.Equal(new DateOnly(2026, 5, 5), await api.Scalar<DateOnly>(
            "SELECT valid_to FROM household_statuses WHERE household_id = @h AND decision_number = '1/QĐ'", ("h", household)));
    }

    /// <summary>
    /// One idempotent POST, arranged: who sends what (and If-Match when the endpoint checks one), its answer, and a count
    /// of the rows its change writes. <see cref="LeftOnFault"/> is what a failed attempt leaves that no transaction can take
    /// back (a checkpoint's file).
    /// </summary>
    sealed record KeyedCall(HttpClient Client, string Url, object Body, HttpStatusCode Status, Func<Task<long>> Count, long Added = 1,
        string? IfMatch = null, long LeftOnFault = 0, bool Audited = true);

    /// <summary>Every endpoint marked .Idempotent(), by its method and route pattern, with the arrange of its call.</summary>
    static readonly Dictionary<string, Func<FaultInjectionTests, Task<KeyedCall>>> Cases = new()
    {
        ["POST /api/v1/households/"] = t => t.NewHousehold(),
        ["POST /api/v1/households/{id:guid}/members"] = t => t.NewMember(),
        ["POST /api/v1/households/{id:guid}/reviews"] = t => t.NewReview(),
        ["POST /api/v1/communes/{code}/villages"] = t => t.Call(a => a.Official(UrbanCommune), $"/api/v1/communes/{UrbanCommune}/villages",
            new { name = "Tổ dân phố Lỗi Giả Lập" }, "SELECT count(*) FROM villages"),
        ["POST /api/v1/communes/{code}/associations/"] = t => t.Call(a => a.Official(UrbanCommune), $"/api/v1/communes/{UrbanCommune}/associations",
            new { kind = "veterans-association" }, "SELECT count(*) FROM associations"),
        ["POST /api/v1/associations/{id:guid}/groups"] = t => t.NewGroup(),
        ["POST /api/v1/groups/{id:guid}/members"] = t => t.NewMembership(),
        ["POST /api/v1/groups/{id:guid}/loan-requests"] = t => t.NewLoanRequest(),
        ["POST /api/v1/groups/{id:guid}/meetings"] = t => t.NewMeeting(),
        ["POST /api/v1/communes/{code}/confirmation-lists"] = t => t.NewConfirmationList(),
        ["POST /api/v1/communes/{code}/review-rounds/"] = t => t.Call(a => a.Official(UrbanCommune), $"/api/v1/communes/{UrbanCommune}/review-rounds",
            new { kind = "regular", month = "2026-04" }, "SELECT count(*) FROM review_rounds"),
        ["POST /api/v1/review-rounds/{id:guid}/requests"] = t => t.NewRoundRequest(),
        ["POST /api/v1/review-rounds/{id:guid}/reviews"] = t => t.NewRoundReview(),
        ["POST /api/v1/reviews/{id:guid}/complaints"] = t => t.NewComplaint(),
        ["POST /api/v1/admin/standards/{code}/figures"] = t => t.Call(a => a.Admin(), "/api/v1/admin/standards/2027-2030/figures",
            new { effectiveFrom = Future(1), ruralLine = 2_400_000, urbanLine = 3_000_000, middleLivingFactor = 1.5, deprivationThreshold = 3, legalBasis = "Decree (fault test)" },
            "SELECT count(*) FROM standard_figures"),
        ["POST /api/v1/admin/programmes/{code}/terms"] = t => t.Call(a => a.Admin(), "/api/v1/admin/programmes/poor-household/terms",
            new { effectiveFrom = Future(2), maxAmount = 150_000_000, amountBasis = "per-household", maxTermMonths = 120, annualRatePercent = 6.0, legalBasis = "Decision (fault test)" },
            "SELECT count(*) FROM programme_terms"),
        ["POST /api/v1/admin/standards/{code}/indicators/{indicator}/thresholds"] = t => t.Call(a => a.Admin(),
            "/api/v1/admin/standards/2027-2030/indicators/housing-area/thresholds",
            new { effectiveFrom = Future(4), confirmed = true, source = "Thông tư (fault test)", legalBasis = "Decree 351/2025/NĐ-CP" },
            "SELECT count(*) FROM indicator_thresholds"),
        ["POST /api/v1/admin/public-holidays/"] = t => t.Call(a => a.Admin(), "/api/v1/admin/public-holidays",
            new { day = Future(3), nameVi = "Nghỉ bù", nameEn = "Compensatory day off", legalBasis = "Thông báo (fault test)" },
            "SELECT count(*) FROM public_holidays"),
        ["POST /api/v1/audit/checkpoints"] = t => Task.FromResult(t.NewCheckpoint()),
    };

    public static TheoryData<string> IdempotentEndpoints => new(Cases.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// The change is written, audited and answered, then recording its Idempotency-Key fails: nothing of the change nor
    /// its audit entry stays, the retry with the key runs afresh, once, and the next retry is a replay that writes nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(IdempotentEndpoints))]
    public async Task AFaultAsTheKeyIsRecorded_LeavesNothing_TheRetryRunsOnce_AndTheNextIsReplayed(string endpoint)
    {
        var call = await Cases[endpoint](this);
        var key = Keyed.NewKey();
        var (changes, audit) = (await call.Count(), await AuditEntries());

        await using (await Fault("idempotency_keys", $"NEW.key = '{key}'"))
            await (await call.Client.PostWithKey(call.Url, call.Body, key, call.IfMatch)).ExpectProblem(HttpStatusCode.InternalServerError);

        Assert.Equal(changes + call.LeftOnFault, await call.Count());
        Assert.Equal(audit, await AuditEntries());
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));

        var retried = await call.Client.PostWithKey(call.Url, call.Body, key, call.IfMatch);
        var answer = await retried.Expect(call.Status);
        Assert.False(retried.Headers.Contains(IdempotencyExtensions.ReplayedHeader));
        var (afterRetry, auditAfterRetry) = (await call.Count(), await AuditEntries());
        Assert.Equal(changes + call.LeftOnFault + call.Added, afterRetry);
        // The entry the fault took back is written by the retry: the check above could have seen it.
        Assert.Equal(call.Audited, auditAfterRetry > audit);

        var replayed = await call.Client.PostWithKey(call.Url, call.Body, key, call.IfMatch);
        Assert.Equal(answer.ToJsonString(), (await replayed.Expect(call.Status)).ToJsonString());
        Assert.Equal("true", Assert.Single(replayed.Headers.GetValues(IdempotencyExtensions.ReplayedHeader)));
        Assert.Equal(afterRetry, await call.Count());
        Assert.Equal(auditAfterRetry, await AuditEntries());
    }

    /// <summary>A new .Idempotent() endpoint fails here until it has its case above.</summary>
    [Fact]
    public void EveryIdempotentEndpoint_HasAFaultCase()
    {
        var marked = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IdempotentMetadata>() is not null)
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}");
        Assert.Equal(marked.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Changes, not reads: replaying personal data records a read (in a batch, later), as the first answer did not.</summary>
    async Task<long> AuditEntries() => await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE action <> 'read'");

    Task<KeyedCall> Call(Func<RegistryApi, HttpClient> client, string url, object body, string countSql) =>
        Task.FromResult(new KeyedCall(client(api), url, body, HttpStatusCode.Created, () => Count(countSql)));

    async Task<long> Count(string sql, params (string Name, object Value)[] parameters) => await api.Scalar<long>(sql, parameters);

    static string Future(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5).AddDays(days).ToString("yyyy-MM-dd");

    static Guid Id(JsonNode node) => (Guid)node["id"]!;

    ProcedureArrange Procedure => new(api);

    Task<JsonNode> Registered(string commune, Guid village, string head) => EligibilityArrange.Household(api, commune, village,
        EligibilityArrange.Adult(head, "1980-04-02", personalId: EligibilityArrange.NewPersonalId("male", 1980)));

    Task<KeyedCall> NewHousehold()
    {
        var address = $"Số {Guid.NewGuid():N}";
        return Task.FromResult(new KeyedCall(api.Official(UrbanCommune), "/api/v1/households",
            new { communeCode = UrbanCommune, villageId = api.UrbanVillage, address, members = new[] { Member("Bùi Văn Hưng", "1970-01-01", "male", "head") } },
            HttpStatusCode.Created, () => Count("""
                SELECT (SELECT count(*) FROM households WHERE address = @a)
                     + (SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.address = @a)
                """, ("a", address)), Added: 2));
    }

    async Task<KeyedCall> NewMember()
    {
        var created = await api.Official(UrbanCommune).Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Đỗ Văn Nam", "1975-05-05", "male", "head")));
        var household = Id(await created.Expect(HttpStatusCode.Created));
        return new(api.Official(UrbanCommune), $"/api/v1/households/{household}/members", Member("Đỗ Thị Mai", "2010-01-01", "female", "child"),
            HttpStatusCode.OK, () => Count("SELECT count(*) FROM members WHERE household_id = @h", ("h", household)), IfMatch: created.ETag());
    }

    async Task<KeyedCall> NewReview()
    {
        var household = Id(await Registered(RuralCommune, api.RuralVillage, "Ka Điệp"));
        return new(api.Official(RuralCommune), $"/api/v1/households/{household}/reviews",
            new { kind = "regular", surveyDate = "2026-06-01", incomePerPersonMonthly = 1_000_000, indicators = ProcedureArrange.Answers2022() },
            HttpStatusCode.Created, () => Count("SELECT count(*) FROM poverty_reviews WHERE household_id = @h", ("h", household)));
    }

    async Task<Guid> AssociationOf(string commune, string kind) =>
        await api.Scalar<Guid?>("SELECT id FROM associations WHERE commune_code = @c AND kind = @k", ("c", commune), ("k", kind))
            ?? await ConfirmationArrange.Association(api, commune, kind);

    object GroupBody(string name) => new { name, villageIds = new[] { api.UrbanVillage }, leaderName = "Trần Thị Lan" };

    async Task<KeyedCall> NewGroup()
    {
        var association = await AssociationOf(UrbanCommune, "womens-union");
        var name = $"Tổ TK&VV {Guid.NewGuid():N}";
        return new(api.AssociationOfficer(association), $"/api/v1/associations/{association}/groups", GroupBody(name), HttpStatusCode.Created,
            () => Count("""
                SELECT (SELECT count(*) FROM savings_groups WHERE name = @n)
                     + (SELECT count(*) FROM savings_group_villages v JOIN savings_groups g ON g.id = v.group_id WHERE g.name = @n)
                """, ("n", name)), Added: 2);
    }

    async Task<(HttpClient Officer, Guid Group)> Group()
    {
        var association = await AssociationOf(UrbanCommune, "womens-union");
        var officer = api.AssociationOfficer(association);
        var group = Id(await (await officer.Post($"/api/v1/associations/{association}/groups", GroupBody($"Tổ TK&VV {Guid.NewGuid():N}")))
            .Expect(HttpStatusCode.Created));
        return (officer, group);
    }

    async Task<KeyedCall> NewMembership()
    {
        var (officer, group) = await Group();
        var household = Id(await Registered(UrbanCommune, api.UrbanVillage, "Nguyễn Văn An"));
        return new(officer, $"/api/v1/groups/{group}/members", new { householdId = household, joinedOn = "2026-02-01" }, HttpStatusCode.Created,
            () => Count("SELECT count(*) FROM group_memberships WHERE group_id = @g", ("g", group)));
    }

    /// <summary>A group and a poor household in it, whose head may file a loan request.</summary>
    async Task<(HttpClient Officer, Guid Group, JsonNode Household)> PoorMember()
    {
        var (officer, group) = await Group();
        var household = await Registered(UrbanCommune, api.UrbanVillage, "Nguyễn Văn An");
        await EligibilityArrange.Statuses(api, Id(household), new StatusSpec("poor", "2026-01-01"));
        await (await officer.Post($"/api/v1/groups/{group}/members", new { householdId = Id(household), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);
        return (officer, group, household);
    }

    static object LoanRequest(JsonNode household) => new
    {
        householdId = Id(household), borrowerMemberId = Id(household["members"]![0]!), programme = "poor-household", amount = 30_000_000,
        purpose = "Nuôi bò sinh sản", termMonths = 36, filedOn = "2026-03-01",
    };

    async Task<KeyedCall> NewLoanRequest()
    {
        var (officer, group, household) = await PoorMember();
        return new(officer, $"/api/v1/groups/{group}/loan-requests", LoanRequest(household), HttpStatusCode.Created,
            () => Count("SELECT count(*) FROM loan_requests WHERE group_id = @g", ("g", group)));
    }

    async Task<KeyedCall> NewMeeting()
    {
        var (officer, group, household) = await PoorMember();
        var request = Id(await (await officer.Post($"/api/v1/groups/{group}/loan-requests", LoanRequest(household))).Expect(HttpStatusCode.Created));
        // The meeting is a row and a decision on the request (an UPDATE): both are counted.
        return new(officer, $"/api/v1/groups/{group}/meetings",
            new { heldOn = "2026-03-15", attendees = 12, membersTotal = 15, chairedBy = "Trần Thị Lan", decisions = new[] { new { requestId = request, decision = "approved" } } },
            HttpStatusCode.Created, () => Count("""
                SELECT (SELECT count(*) FROM group_meetings WHERE group_id = @g)
                     + (SELECT count(*) FROM loan_requests WHERE group_id = @g AND status = 'approved')
                """, ("g", group)), Added: 2);
    }

    async Task<KeyedCall> NewConfirmationList()
    {
        var household = await Registered(RuralCommune, api.RuralVillage, "K'Hoa");
        var group = await ConfirmationArrange.Group(api, await AssociationOf(RuralCommune, "farmers-union"), "Tổ Lỗi Giả Lập");
        await ConfirmationArrange.ApprovedRequest(api, household, group, "poor-household", 30_000_000m);
        return new(api.Official(RuralCommune), $"/api/v1/communes/{RuralCommune}/confirmation-lists", new { asOf = "2026-11-01" }, HttpStatusCode.Created,
            () => Count("SELECT (SELECT count(*) FROM confirmation_lists) + (SELECT count(*) FROM confirmation_lines)"), Added: 2);
    }

    async Task<(Guid Round, Guid Household)> RoundHousehold(string head)
    {
        var round = await Procedure.RegularRound(RuralCommune, "2026-10");
        var (household, _) = await Procedure.Household(RuralCommune, api.RuralVillage, head);
        return (round, household);
    }

    async Task<KeyedCall> NewRoundRequest()
    {
        var (round, household) = await RoundHousehold("Ka Thu");
        return new(api.Official(RuralCommune), $"/api/v1/review-rounds/{round}/requests",
            new { householdId = household, filedOn = "2026-10-01", reason = "Gia đình có người ốm nặng" }, HttpStatusCode.Created,
            () => Count("SELECT count(*) FROM review_round_requests WHERE household_id = @h", ("h", household)));
    }

    async Task<KeyedCall> NewRoundReview()
    {
        var (round, household) = await RoundHousehold("Ka Lim");
        await Procedure.Request(RuralCommune, round, household, "2026-10-01");
        return new(api.Official(RuralCommune), $"/api/v1/review-rounds/{round}/reviews", new
            {
                householdId = household, surveyDate = "2026-10-05", incomePerPersonMonthly = 1_000_000,
                indicators = ProcedureArrange.Answers2022("employment", "nutrition", "sanitation"),
            },
            HttpStatusCode.Created, () => Count("SELECT count(*) FROM poverty_reviews WHERE household_id = @h", ("h", household)));
    }

    async Task<KeyedCall> NewComplaint()
    {
        var (round, household) = await RoundHousehold("Ka Nhi");
        await Procedure.Request(RuralCommune, round, household, "2026-10-01");
        // Posted Friday 9 October: the posting runs Fri 9, Mon 12, Tue 13.
        var review = await Procedure.Posted(RuralCommune, round, household, "2026-10-05", "2026-10-07", "2026-10-09");
        return new(api.Official(RuralCommune), $"/api/v1/reviews/{review}/complaints",
            new { receivedOn = "2026-10-12", summary = "Thu nhập của hộ được ghi thấp hơn thực tế" }, HttpStatusCode.OK,
            () => Count("SELECT count(*) FROM poverty_reviews WHERE id = @r AND status = 'disputed'", ("r", review)));
    }

    /// <summary>
    /// A checkpoint's change is a file, which no transaction takes back: the failed attempt leaves one, a true and
    /// signed statement of the chain as it was then, and the retry signs one more; the replay signs none.
    /// </summary>
    KeyedCall NewCheckpoint() => new(api.Auditor(), "/api/v1/audit/checkpoints", new { }, HttpStatusCode.Created,
        () => Task.FromResult((long)Directory.EnumerateFiles(api.CheckpointDirectory, "*.json").Count()), LeftOnFault: 1, Audited: false);

    async Task<string?> StatusRows(Guid household) => await api.Scalar<string>("""
        SELECT string_agg(concat_ws('|', review_id, effective_date, valid_to, escape_date, decision_number), ';' ORDER BY effective_date)
        FROM household_statuses WHERE household_id = @h
        """, ("h", household));
}
