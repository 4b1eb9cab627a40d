using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Multi-row changes fail midway on a fault injected by a PostgreSQL trigger, after some of their rows were written:
/// nothing of the change may be left behind, and an Idempotency-Key used with it stays free for the retry.
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
    /// An idempotent POST whose change is written, audited and answered, then fails as its Idempotency-Key is recorded:
    /// nothing of the change (nor its audit entry) may stay, and the retry with the key runs afresh, once.
    /// </summary>
    async Task AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(HttpClient client, string url, object body, string countSql, int rowsAdded = 1)
    {
        var key = Keyed.NewKey();
        var (changes, audit) = (await api.Scalar<long>(countSql), await api.Scalar<long>("SELECT count(*) FROM audit_log"));

        await using (await Fault("idempotency_keys", $"NEW.key = '{key}'"))
            await (await client.PostWithKey(url, body, key)).ExpectProblem(HttpStatusCode.InternalServerError);

        Assert.Equal(changes, await api.Scalar<long>(countSql));
        Assert.Equal(audit, await api.Scalar<long>("SELECT count(*) FROM audit_log"));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));

        var retried = await client.PostWithKey(url, body, key);
        await retried.Expect(HttpStatusCode.Created);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        var replayed = await client.PostWithKey(url, body, key);
        await replayed.Expect(HttpStatusCode.Created);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(changes + rowsAdded, await api.Scalar<long>(countSql));
    }

    static string Future(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public Task StandardFigures_CommitWithTheirKey() => AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(api.Admin(),
        "/api/v1/admin/standards/2027-2030/figures",
        new { effectiveFrom = Future(1), ruralLine = 2_400_000, urbanLine = 3_000_000, middleLivingFactor = 1.5, deprivationThreshold = 3, legalBasis = "Decree (fault test)" },
        "SELECT count(*) FROM standard_figures");

    [Fact]
    public Task ProgrammeTerms_CommitWithTheirKey() => AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(api.Admin(),
        "/api/v1/admin/programmes/poor-household/terms",
        new { effectiveFrom = Future(2), maxAmount = 150_000_000, amountBasis = "per-household", maxTermMonths = 120, annualRatePercent = 6.0, legalBasis = "Decision (fault test)" },
        "SELECT count(*) FROM programme_terms");

    [Fact]
    public Task APublicHoliday_CommitsWithItsKey() => AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(api.Admin(),
        "/api/v1/admin/public-holidays",
        new { day = Future(3), nameVi = "Nghỉ bù", nameEn = "Compensatory day off", legalBasis = "Thông báo (fault test)" },
        "SELECT count(*) FROM public_holidays");

    [Fact]
    public async Task AConfirmationList_CommitsWithItsKey_LinesIncluded()
    {
        var rural = api.Official(RuralCommune);
        var household = await (await rural.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage,
            Member("K'Hoa", "1980-03-03", "female", "head")))).Expect(HttpStatusCode.Created);
        var group = await ConfirmationArrange.Group(api, await ConfirmationArrange.Association(api, RuralCommune, "farmers-union"), "Tổ Lỗi Giả Lập");
        await ConfirmationArrange.ApprovedRequest(api, household, group, "poor-household", 30_000_000m);

        await AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(rural, $"/api/v1/communes/{RuralCommune}/confirmation-lists",
            new { asOf = "2026-11-01" }, "SELECT (SELECT count(*) FROM confirmation_lists) + (SELECT count(*) FROM confirmation_lines)", rowsAdded: 2);
    }

    [Fact]
    public Task AVillage_CommitsWithItsKey() => AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(api.Official(UrbanCommune),
        $"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố Lỗi Giả Lập" }, "SELECT count(*) FROM villages");

    [Fact]
    public Task AnAssociation_CommitsWithItsKey() => AFaultAsTheKeyIsRecorded_LeavesNothing_AndTheRetryRunsOnce(api.Official(UrbanCommune),
        $"/api/v1/communes/{UrbanCommune}/associations", new { kind = "veterans-association" }, "SELECT count(*) FROM associations");

    async Task<string?> StatusRows(Guid household) => await api.Scalar<string>("""
        SELECT string_agg(concat_ws('|', review_id, effective_date, valid_to, escape_date, decision_number), ';' ORDER BY effective_date)
        FROM household_statuses WHERE household_id = @h
        """, ("h", household));
}
