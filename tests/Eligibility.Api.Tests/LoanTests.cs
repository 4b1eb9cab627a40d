using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Associations → group → memberships → loan requests (Mẫu 01/TD) → pending requests → meeting (bình xét) → the group's
/// list (Mẫu 03/TD), across two communes, with every refusal and the scoping of each role.
/// </summary>
public sealed class LoanTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    const string Filed = "2026-03-01";

    sealed record Setup(Guid AssociationA, Guid AssociationB, Guid GroupA, Guid GroupB, JsonNode Poor, JsonNode NearPoor, JsonNode NoStatus, JsonNode RuralPoor);

    static Guid Id(JsonNode node) => (Guid)node["id"]!;
    static Guid MemberId(JsonNode household, int index) => (Guid)household["members"]![index]!["id"]!;

    async Task<Guid> Association(string commune, string kind)
    {
        var official = api.Official(commune);
        var list = await (await official.GetAsync($"/api/v1/communes/{commune}/associations")).Expect(HttpStatusCode.OK);
        if (list.AsArray().FirstOrDefault(a => (string)a!["kind"]! == kind) is { } existing)
            return Id(existing);
        return Id(await (await official.Post($"/api/v1/communes/{commune}/associations", new { kind })).Expect(HttpStatusCode.Created));
    }

    async Task<Setup> Arrange(string suffix)
    {
        var a = await Association(UrbanCommune, "womens-union");
        var b = await Association(RuralCommune, "farmers-union");
        var officerA = api.AssociationOfficer(a);
        var officerB = api.AssociationOfficer(b);
        var groupA = Id(await (await officerA.Post($"/api/v1/associations/{a}/groups",
            new { name = $"Tổ TK&VV Lâm Viên {suffix}", villageIds = new[] { api.UrbanVillage, api.UrbanVillage2 }, leaderName = "Trần Thị Lan" }))
            .Expect(HttpStatusCode.Created));
        var groupB = Id(await (await officerB.Post($"/api/v1/associations/{b}/groups",
            new { name = $"Tổ TK&VV Liêng Trang {suffix}", villageIds = new[] { api.RuralVillage }, leaderName = "Ka Hơ" }))
            .Expect(HttpStatusCode.Created));

        var poor = await Household(api, UrbanCommune, api.UrbanVillage,
            Adult("Nguyễn Văn An", "1980-04-02", personalId: NewPersonalId("male", 1980)), Adult("Nguyễn Thị Bé", "2012-06-01", "child", "female"));
        await Statuses(api, Id(poor), new StatusSpec("poor", "2026-01-01"));
        var nearPoor = await Household(api, UrbanCommune, api.UrbanVillage2,
            Adult("Lê Thị Cúc", "1975-09-09", sex: "female"), Adult("Lê Văn Dũng", "2010-01-15", "child"));
        await Statuses(api, Id(nearPoor), new StatusSpec("near-poor", "2026-01-01"));
        var noStatus = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Phạm Văn Em", "1990-12-12"));
        var ruralPoor = await Household(api, RuralCommune, api.RuralVillage, Adult("Ka Điệp", "1985-05-05", sex: "female", ethnicMinority: true));
        await Statuses(api, Id(ruralPoor), new StatusSpec("poor", "2026-01-01"));

        foreach (var h in new[] { poor, nearPoor, noStatus })
            await (await officerA.Post($"/api/v1/groups/{groupA}/members", new { householdId = Id(h), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);
        await (await officerB.Post($"/api/v1/groups/{groupB}/members", new { householdId = Id(ruralPoor), joinedOn = "2026-02-01" })).Expect(HttpStatusCode.Created);
        return new Setup(a, b, groupA, groupB, poor, nearPoor, noStatus, ruralPoor);
    }

    static object Request(JsonNode household, int borrower, string programme, decimal amount, int termMonths, string filedOn = Filed) =>
        new { householdId = Id(household), borrowerMemberId = MemberId(household, borrower), programme, amount, purpose = "Nuôi bò sinh sản", termMonths, filedOn };

    static async Task<JsonNode> Refused(HttpResponseMessage response, string code)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Contains(problem["reasons"]!.AsArray(), r => (string)r!["code"]! == code && ((string)r["message"]!).Length > 0);
        return problem;
    }

    [Fact]
    public async Task TheWholePath_FromAssociationsToTheGroupsList()
    {
        var s = await Arrange("1");
        var officer = api.AssociationOfficer(s.AssociationA);
        var loans = $"/api/v1/groups/{s.GroupA}/loan-requests";

        // Refusals, each with its reason.
        var ineligible = await Refused(await officer.Post(loans, Request(s.NoStatus, 0, "poor-household", 30_000_000, 36)), "not-eligible");
        Assert.Contains(ineligible["reasons"]!.AsArray(), r => (string)r!["code"]! == "no-recognised-status");
        await Refused(await officer.Post(loans, Request(s.Poor, 0, "poor-household", 50_000_000, 150)), "term-over-maximum");
        await Refused(await officer.Post(loans, Request(s.NearPoor, 0, "near-poor-household", 150_000_000, 60)), "amount-over-cap");
        await Refused(await officer.Post(loans, Request(s.NearPoor, 1, "near-poor-household", 50_000_000, 60)), "borrower-under-age");
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM loan_requests WHERE group_id = @g", ("g", s.GroupA)));

        // Accepted requests keep the eligibility answer at filing.
        var first = await (await officer.Post(loans, Request(s.Poor, 0, "poor-household", 50_000_000, 36))).Expect(HttpStatusCode.Created);
        Assert.Equal("pending", (string)first["status"]!);
        Assert.True((bool)first["eligibilityAtFiling"]!["eligible"]!);
        Assert.Equal("poor", (string)first["eligibilityAtFiling"]!["classification"]!);
        Assert.Equal(100_000_000m, (decimal)first["eligibilityAtFiling"]!["maxAmount"]!);
        var stored = await api.Scalar<string>("SELECT eligibility::text FROM loan_requests WHERE id = @id", ("id", Id(first)));
        Assert.Contains("\"eligible\": true", stored);
        await Refused(await officer.Post(loans, Request(s.Poor, 0, "poor-household", 20_000_000, 12)), "open-request-exists");
        var second = await (await officer.Post(loans, Request(s.NearPoor, 0, "near-poor-household", 80_000_000, 60))).Expect(HttpStatusCode.Created);
        // The near-poor cap is not confirmed by a source: the answer kept with the request says so, and reads back (below).
        Assert.Contains(second["eligibilityAtFiling"]!["reasons"]!.AsArray(), r => (string)r!["code"]! == "terms-unconfirmed");

        // Pending requests with today's eligibility, per group and per association.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var url in new[] { $"/api/v1/groups/{s.GroupA}/pending-requests", $"/api/v1/associations/{s.AssociationA}/pending-requests" })
        {
            var pending = (await (await officer.GetAsync(url)).Expect(HttpStatusCode.OK)).AsArray();
            // The association's list also holds other tests' groups (the classes share a database).
            var ours = pending.Where(p => (Guid)p!["groupId"]! == s.GroupA).ToList();
            Assert.Equal(new[] { Id(first), Id(second) }.Order(), ours.Select(p => Id(p!)).Order());
            Assert.All(ours, p =>
            {
                Assert.True((bool)p!["currentEligibility"]!["eligible"]!);
                Assert.Equal(today, (string)p["currentEligibility"]!["asOf"]!);
            });
            Assert.Equal("Nguyễn Văn An", (string)pending.Single(p => Id(p!) == Id(first))!["headName"]!);
        }

        // One bad decision: nothing is stored.
        var stranger = Guid.NewGuid();
        var bad = await (await officer.Post($"/api/v1/groups/{s.GroupA}/meetings", Meeting(
            new { requestId = Id(first), decision = "approved" }, new { requestId = stranger, decision = "approved" })))
            .ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("request-not-pending", (string)bad["code"]!);
        Assert.Contains(stranger.ToString(), (string)bad["detail"]!);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM group_meetings WHERE group_id = @g", ("g", s.GroupA)));
        Assert.Equal("pending", (string)(await (await officer.GetAsync($"/api/v1/loan-requests/{Id(first)}")).Expect(HttpStatusCode.OK))["status"]!);

        // A rejection needs its reason.
        Assert.Contains("decisions[0].reason", await (await officer.Post($"/api/v1/groups/{s.GroupA}/meetings",
            Meeting(new { requestId = Id(second), decision = "rejected" }))).ExpectValidationErrors());

        // The meeting: one approval, one rejection.
        var meeting = await (await officer.Post($"/api/v1/groups/{s.GroupA}/meetings", Meeting(
            new { requestId = Id(first), decision = "approved" },
            new { requestId = Id(second), decision = "rejected", reason = "Mục đích vay chưa rõ ràng" }))).Expect(HttpStatusCode.Created);
        Assert.Equal(new[] { "approved", "rejected" }, meeting["decisions"]!.AsArray().Select(d => (string)d!["status"]!));
        Assert.Equal("Mục đích vay chưa rõ ràng",
            (string)(await (await officer.GetAsync($"/api/v1/loan-requests/{Id(second)}")).Expect(HttpStatusCode.OK))["decisionReason"]!);

        // Deciding again, or withdrawing a decided request, is refused.
        Assert.Equal("request-not-pending", (string)(await (await officer.Post($"/api/v1/groups/{s.GroupA}/meetings",
            Meeting(new { requestId = Id(first), decision = "rejected", reason = "x" }))).ExpectProblem(HttpStatusCode.Conflict))["code"]!);
        await (await officer.Post($"/api/v1/loan-requests/{Id(first)}/withdrawal", new { })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Empty((await (await officer.GetAsync($"/api/v1/groups/{s.GroupA}/pending-requests")).Expect(HttpStatusCode.OK)).AsArray());

        // The group's list (Mẫu 03/TD) as JSON, CSV and XLSX, read back with real parsers.
        var listUrl = $"/api/v1/groups/{s.GroupA}/list?meeting={Id(meeting)}";
        var list = await (await officer.GetAsync(listUrl)).Expect(HttpStatusCode.OK);
        var line = Assert.Single(list["lines"]!.AsArray())!;
        Assert.Equal(Id(first), (Guid)line["requestId"]!);
        var expected = new[] { "1", "Nguyễn Văn An", "Tổ dân phố 1", "Hộ nghèo", (string)line["programmeName"]!, "50000000", "Nuôi bò sinh sản", "36" };
        Assert.Equal("Hộ nghèo", (string)line["category"]!);
        Assert.Equal(50_000_000m, (decimal)line["amount"]!);

        var csv = await officer.GetAsync(listUrl + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvRows = ExportReader.Csv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, csvRows.Count);
        Assert.Equal(Headings, csvRows[0]);
        Assert.Equal(expected, csvRows[1]);

        var request = new HttpRequestMessage(HttpMethod.Get, listUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var xlsx = await officer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheetRows = ExportReader.Xlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, sheetRows.Count);
        Assert.Equal(Headings, sheetRows[0]);
        Assert.Equal(expected, sheetRows[1]);

        // Commune officials of the commune read it too; the audit trail records the export.
        await (await api.Official(UrbanCommune).GetAsync(listUrl)).Expect(HttpStatusCode.OK);
        Assert.True(await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE entity = 'group-list' AND entity_id = @id",
            ("id", Id(meeting).ToString())) >= 3);
    }

    static readonly string[] Headings =
        ["STT", "Họ và tên người vay", "Thôn", "Đối tượng", "Chương trình", "Số tiền đề nghị vay", "Mục đích", "Thời hạn (tháng)"];


    static object Meeting(params object[] decisions) =>
        new { heldOn = "2026-03-15", attendees = 12, membersTotal = 15, chairedBy = "Trần Thị Lan", decisions };

    // Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg names the students of these households: the
    // words of Mẫu 03/TD's category, not "150%".
    [Fact]
    public async Task AnIncome150Line_NamesItsCategoryAsTheDecisionDoes()
    {
        var s = await Arrange("150");
        var officer = api.AssociationOfficer(s.AssociationA);
        var request = await (await officer.Post($"/api/v1/groups/{s.GroupA}/loan-requests", Request(s.NearPoor, 0, "income-150", 4_000_000, 12)))
            .Expect(HttpStatusCode.Created);
        var meeting = await (await officer.Post($"/api/v1/groups/{s.GroupA}/meetings", Meeting(new { requestId = Id(request), decision = "approved" })))
            .Expect(HttpStatusCode.Created);

        var list = await (await officer.GetAsync($"/api/v1/groups/{s.GroupA}/list?meeting={Id(meeting)}")).Expect(HttpStatusCode.OK);

        Assert.Equal("Học sinh, sinh viên thuộc hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình", (string)Assert.Single(list["lines"]!.AsArray())!["category"]!);
    }

    [Fact]
    public async Task EachRoleSeesOnlyItsOwnCommuneAndAssociation()
    {
        var s = await Arrange("2");
        var officerA = api.AssociationOfficer(s.AssociationA);
        var officerB = api.AssociationOfficer(s.AssociationB);
        var request = await (await officerA.Post($"/api/v1/groups/{s.GroupA}/loan-requests", Request(s.Poor, 0, "poor-household", 40_000_000, 24)))
            .Expect(HttpStatusCode.Created);

        foreach (var (client, who) in new[] { (officerB, "another association's officer"), (api.Official(RuralCommune), "another commune's official") })
        {
            foreach (var url in new[]
            {
                $"/api/v1/associations/{s.AssociationA}", $"/api/v1/associations/{s.AssociationA}/groups",
                $"/api/v1/associations/{s.AssociationA}/pending-requests", $"/api/v1/groups/{s.GroupA}", $"/api/v1/groups/{s.GroupA}/members",
                $"/api/v1/groups/{s.GroupA}/pending-requests", $"/api/v1/groups/{s.GroupA}/list", $"/api/v1/loan-requests/{Id(request)}",
            })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: GET {url} answered {(int)response.StatusCode}");
            }
        }
        await (await officerB.Post($"/api/v1/groups/{s.GroupA}/loan-requests", Request(s.NearPoor, 0, "near-poor-household", 10_000_000, 12)))
            .ExpectProblem(HttpStatusCode.NotFound);
        await (await officerB.Post($"/api/v1/loan-requests/{Id(request)}/withdrawal", new { })).ExpectProblem(HttpStatusCode.NotFound);
        // A household of another commune cannot join, nor a group take villages of another commune.
        await (await officerA.Post($"/api/v1/groups/{s.GroupA}/members", new { householdId = Id(s.RuralPoor), joinedOn = "2026-02-01" }))
            .ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal("village-not-in-commune", (string)(await (await officerA.Post($"/api/v1/associations/{s.AssociationA}/groups",
            new { name = "Tổ lạc", villageIds = new[] { api.RuralVillage }, leaderName = "X" })).ExpectProblem(HttpStatusCode.UnprocessableEntity))["code"]!);
        // Only officials create associations, one of each kind per commune.
        Assert.Equal(HttpStatusCode.Forbidden, (await officerA.Post($"/api/v1/communes/{UrbanCommune}/associations", new { kind = "youth-union" })).StatusCode);
        Assert.Equal("association-exists", (string)(await (await api.Official(UrbanCommune).Post($"/api/v1/communes/{UrbanCommune}/associations",
            new { kind = "womens-union" })).ExpectProblem(HttpStatusCode.Conflict))["code"]!);
        await (await api.Official(RuralCommune).Post($"/api/v1/communes/{UrbanCommune}/associations", new { kind = "youth-union" }))
            .ExpectProblem(HttpStatusCode.NotFound);

        // Officers see the year of birth and a masked ID number; officials see both in full.
        var asOfficer = (await (await officerA.GetAsync($"/api/v1/groups/{s.GroupA}/members")).Expect(HttpStatusCode.OK)).AsArray();
        var head = asOfficer.Single(m => (Guid)m!["householdId"]! == Id(s.Poor))!["members"]![0]!;
        Assert.Equal(1980, (int)head["birthYear"]!);
        Assert.Null(head["dateOfBirth"]);
        Assert.Equal("*********" + ((string)s.Poor["members"]![0]!["personalId"]!)[^3..], (string)head["personalId"]!);
        var asOfficial = (await (await api.Official(UrbanCommune).GetAsync($"/api/v1/groups/{s.GroupA}/members")).Expect(HttpStatusCode.OK)).AsArray();
        var full = asOfficial.Single(m => (Guid)m!["householdId"]! == Id(s.Poor))!["members"]![0]!;
        Assert.Equal("1980-04-02", (string)full["dateOfBirth"]!);
        Assert.Equal((string)s.Poor["members"]![0]!["personalId"]!, (string)full["personalId"]!);
    }

    [Fact]
    public async Task APurposeTypedDecomposed_IsStoredAsTheSameTextPrecomposed()
    {
        var s = await Arrange("4");
        var purpose = "Nuôi bò sinh sản".Normalize(System.Text.NormalizationForm.FormC);
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            householdId = Id(s.RuralPoor), borrowerMemberId = MemberId(s.RuralPoor, 0), programme = "poor-household", amount = 20_000_000,
            purpose = purpose.Normalize(System.Text.NormalizationForm.FormD), termMonths = 36, filedOn = Filed,
        });
        var created = await (await api.AssociationOfficer(s.AssociationB).Send(HttpMethod.Post, $"/api/v1/groups/{s.GroupB}/loan-requests", body))
            .Expect(HttpStatusCode.Created);

        Assert.Equal(purpose, (string)created["purpose"]!);
        Assert.Equal(purpose, await api.Scalar<string>("SELECT purpose FROM loan_requests WHERE id = @id", ("id", Id(created))));
    }

    [Fact]
    public async Task AWithdrawnRequest_FreesTheProgrammeForANewOne_AndAMemberWhoLeftCannotFile()
    {
        var s = await Arrange("3");
        var officer = api.AssociationOfficer(s.AssociationB);
        var loans = $"/api/v1/groups/{s.GroupB}/loan-requests";
        var first = await (await officer.Post(loans, Request(s.RuralPoor, 0, "poor-household", 60_000_000, 60))).Expect(HttpStatusCode.Created);
        var withdrawn = await (await officer.Post($"/api/v1/loan-requests/{Id(first)}/withdrawal", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal("withdrawn", (string)withdrawn["status"]!);
        await (await officer.Post($"/api/v1/loan-requests/{Id(first)}/withdrawal", new { })).ExpectProblem(HttpStatusCode.Conflict);
        await (await officer.Post(loans, Request(s.RuralPoor, 0, "poor-household", 60_000_000, 60))).Expect(HttpStatusCode.Created);

        // job-creation: a per-worker cap of 200,000,000 from 2026-01-01.
        await Refused(await officer.Post(loans, Request(s.RuralPoor, 0, "job-creation", 250_000_000, 36)), "amount-over-cap");

        var left = await (await officer.Post($"/api/v1/groups/{s.GroupB}/members/{Id(s.RuralPoor)}/leave", new { leftOn = "2026-05-31" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("2026-05-31", (string)left["leftOn"]!);
        await Refused(await officer.Post(loans, Request(s.RuralPoor, 0, "job-creation", 50_000_000, 36, "2026-06-15")), "household-not-in-group");
    }
}
