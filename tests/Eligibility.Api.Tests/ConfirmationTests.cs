using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.ConfirmationArrange;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// The commune's confirmation list: compiled across villages with one household no longer eligible, decided line by
/// line, signed, exported, corrected; signed lists never change; other communes and associations see nothing.
/// </summary>
public sealed class ConfirmationTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    static readonly string[] Headings =
    [
        "STT", "Họ và tên người vay", "Thôn", "Đối tượng", "Chương trình", "Số tiền đề nghị", "Mục đích", "Thời hạn (tháng)",
        "Kết quả xác nhận", "Lý do", "Ghi chú khi lập danh sách",
    ];

    [Fact]
    public async Task TheWholePath_CompileDecideSignExportAndCorrect()
    {
        var women = await Association(api, UrbanCommune, "womens-union");
        var farmers = await Association(api, UrbanCommune, "farmers-union");
        var otherCommune = await Association(api, RuralCommune, "womens-union");
        var womenGroup = await Group(api, women, "Tổ TK&VV số 1");
        var farmersGroup = await Group(api, farmers, "Tổ TK&VV số 2");

        var binh = await Household(api, UrbanCommune, api.UrbanVillage2, Adult("Trần Văn Bình", "1980-03-03"));
        var an = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Nguyễn Thị An", "1985-04-04", sex: "female"));
        var cuong = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Phan Văn Cường", "1979-05-05"));
        await Statuses(api, (Guid)binh["id"]!, new StatusSpec("poor", "2025-01-01"));
        await Statuses(api, (Guid)an["id"]!, new StatusSpec("near-poor", "2025-01-01"));
        // Recognised above the near-poor line in June: no longer a poor household for the request it filed.
        await Statuses(api, (Guid)cuong["id"]!, new StatusSpec("poor", "2024-01-01"), new StatusSpec("not-poor", "2026-06-01"));
        var binhRequest = await ApprovedRequest(api, binh, womenGroup, "poor-household", 50_000_000m);
        var anRequest = await ApprovedRequest(api, an, farmersGroup, "near-poor-household", 30_000_000m, "Mua máy may, mở tiệm", 24);
        var cuongRequest = await ApprovedRequest(api, cuong, womenGroup, "poor-household", 40_000_000m);

        // Compile: village by village (Tổ dân phố 1 before 2), borrowers by name within each; Cường flagged with the reasons.
        var created = await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { asOf = "2026-11-01" });
        var list = await created.Expect(HttpStatusCode.Created);
        var id = (Guid)list["id"]!;
        Assert.Equal($"/api/v1/confirmation-lists/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("draft", (string)list["status"]!);
        var lines = list["lines"]!.AsArray();
        Assert.Equal(["Nguyễn Thị An", "Phan Văn Cường", "Trần Văn Bình"], lines.Select(l => (string)l!["borrowerName"]!));
        Assert.Equal([1, 2, 3], lines.Select(l => (int)l!["stt"]!));
        Assert.Equal(["Tổ dân phố 1", "Tổ dân phố 1", "Tổ dân phố 2"], lines.Select(l => (string)l!["villageName"]!));
        Assert.Equal(["near-poor", "not-poor", "poor"], lines.Select(l => (string)l!["category"]!));
        Assert.Equal([anRequest, cuongRequest, binhRequest], lines.Select(l => (Guid)l!["requestId"]!));
        Assert.Equal([false, true, false], lines.Select(l => (bool)l!["flagged"]!));
        Assert.NotEmpty(lines[1]!["flags"]!.AsArray());
        Assert.Equal(30_000_000m, (decimal)lines[0]!["amount"]!);
        Assert.Equal(24, (int)lines[0]!["termMonths"]!);
        Assert.Equal(1, (int)list["flaggedCount"]!);
        var lineId = lines.Select(l => (Guid)l!["id"]!).ToArray();

        // A request already on a draft is not compiled again.
        var second = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { asOf = "2026-11-01" })).Expect(HttpStatusCode.Created);
        Assert.Empty(second["lines"]!.AsArray());

        var etag = created.ETag();
        var signature = new { number = "15/QĐ-UBND", date = "2026-11-10", signer = "Phạm Văn Dũng" };
        var undecided = await (await official.Post($"/api/v1/confirmation-lists/{id}/signature", signature, etag)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("lines-undecided", (string)undecided["code"]!);
        Assert.Contains("STT 1, 2, 3", (string)undecided["detail"]!);

        var flagged = await (await Decide(id, lineId[1], new { result = "confirmed" }, etag)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("line-flagged", (string)flagged["code"]!);
        await (await Decide(id, lineId[1], new { result = "refused" }, etag)).ExpectValidationErrors();
        await (await official.Post($"/api/v1/confirmation-lists/{id}/lines/{lineId[0]}/decision", new { result = "confirmed" })).ExpectProblem(HttpStatusCode.PreconditionRequired);

        var decided = await Decide(id, lineId[0], new { result = "confirmed" }, etag);
        await decided.Expect(HttpStatusCode.OK);
        // The list's ETag covers its lines: the one read before the decision is stale now.
        await (await Decide(id, lineId[2], new { result = "confirmed" }, etag)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        decided = await Decide(id, lineId[1], new { result = "refused", reason = "Hộ đã thoát nghèo từ 01/06/2026" }, decided.ETag());
        await decided.Expect(HttpStatusCode.OK);
        decided = await Decide(id, lineId[2], new { result = "confirmed" }, decided.ETag());
        Assert.Equal(0, (int)(await decided.Expect(HttpStatusCode.OK))["undecidedCount"]!);

        var signed = await official.Post($"/api/v1/confirmation-lists/{id}/signature", signature, decided.ETag());
        var signedBody = await signed.Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)signedBody["status"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)signedBody["contentHash"]!);

        // Anyone recomputes the hash from the JSON the API returns.
        var read = await official.GetAsync($"/api/v1/confirmation-lists/{id}");
        var json = await read.Expect(HttpStatusCode.OK);
        Assert.Equal((string)json["contentHash"]!, Sha256(Canonical(json)));
        Assert.Equal(signed.ETag(), read.ETag());

        Assert.Equal("confirmed", await api.Scalar<string>("SELECT status FROM loan_requests WHERE id = @id", ("id", anRequest)));
        Assert.Equal("refused", await api.Scalar<string>("SELECT status FROM loan_requests WHERE id = @id", ("id", cuongRequest)));
        Assert.Equal("confirmed", await api.Scalar<string>("SELECT status FROM loan_requests WHERE id = @id", ("id", binhRequest)));

        // A signed list never changes: every write is 409 with the reason, whatever the ETag; the database refuses too.
        foreach (var write in new[]
        {
            await Decide(id, lineId[0], new { result = "refused", reason = "Đổi ý" }, read.ETag()),
            await Decide(id, lineId[1], new { result = "refused", reason = "Đổi ý" }, "\"1\""),
            await official.Post($"/api/v1/confirmation-lists/{id}/signature", signature, read.ETag()),
        })
        {
            var problem = await write.ExpectProblem(HttpStatusCode.Conflict);
            Assert.Equal("list-signed", (string)problem["code"]!);
            Assert.Contains("never changes", (string)problem["detail"]!);
        }
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => api.Execute($"UPDATE confirmation_lines SET reason = 'x' WHERE list_id = '{id}'"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => api.Execute($"DELETE FROM confirmation_lists WHERE id = '{id}'"));

        await ExportsMatchTheJson(id, json);
        await Scoping(id, women, otherCommune);

        // The commune's lists, newest first.
        var page = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/confirmation-lists?pageSize=10")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)page["totalCount"]!);
        Assert.Contains(page["items"]!.AsArray(), i => (Guid)i!["id"]! == id && (string)i["contentHash"]! == (string)json["contentHash"]!);

        // A correction: a new list naming the signed one; its requests may appear again; the old list shows replacedBy.
        var draftReplace = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists",
            new { asOf = "2026-11-15", replaces = (Guid)second["id"]! })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("replaced-not-signed", (string)draftReplace["code"]!);
        var correction = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists",
            new { asOf = "2026-11-15", replaces = id })).Expect(HttpStatusCode.Created);
        Assert.Equal(id, (Guid)correction["replaces"]!);
        Assert.Equal([anRequest, cuongRequest, binhRequest], correction["lines"]!.AsArray().Select(l => (Guid)l!["requestId"]!));
        Assert.Equal((Guid)correction["id"]!, (Guid)(await (await official.GetAsync($"/api/v1/confirmation-lists/{id}")).Expect(HttpStatusCode.OK))["replacedBy"]!);
        var again = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists",
            new { asOf = "2026-11-15", replaces = id })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("already-replaced", (string)again["code"]!);
    }

    async Task ExportsMatchTheJson(Guid id, JsonNode json)
    {
        var expected = json["lines"]!.AsArray().Select(l => new[]
        {
            ((int)l!["stt"]!).ToString(CultureInfo.InvariantCulture), (string)l["borrowerName"]!, (string)l["villageName"]!,
            (string)l["category"]! switch { "poor" => "Hộ nghèo", "near-poor" => "Hộ cận nghèo", _ => "Hộ không nghèo" },
            (string)l["programme"]! == "poor-household" ? "Cho vay hộ nghèo" : "Cho vay hộ cận nghèo",
            ((decimal)l["amount"]!).ToString(CultureInfo.InvariantCulture), (string)l["purpose"]!,
            ((int)l["termMonths"]!).ToString(CultureInfo.InvariantCulture),
            (string)l["result"]! == "confirmed" ? "Xác nhận" : "Không xác nhận", (string?)l["reason"] ?? "",
        }).ToList();

        var csvResponse = await official.GetAsync($"/api/v1/confirmation-lists/{id}?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var rows = ExportReader.Csv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headings, rows[0]);
        AssertRows(expected, rows.Skip(1).ToList());

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/confirmation-lists/{id}");
        request.Headers.Accept.ParseAdd("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var xlsxResponse = await official.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        var sheetRows = ExportReader.Xlsx(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headings, sheetRows[0]);
        AssertRows(expected, sheetRows.Skip(1).ToList());
    }

    static void AssertRows(List<string[]> expected, List<string[]> rows)
    {
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], rows[i][..10]);
            Assert.Equal(i == 1, rows[i][10].Length > 0); // the flagged line carries its note
        }
    }

    async Task Scoping(Guid id, Guid women, Guid otherCommuneAssociation)
    {
        // Another commune's official: indistinguishable from a list that does not exist.
        var stranger = api.Official(RuralCommune);
        await (await stranger.GetAsync($"/api/v1/confirmation-lists/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/confirmation-lists/{id}?format=csv")).ExpectProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/confirmation-lists/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await stranger.Post($"/api/v1/confirmation-lists/{id}/signature", new { number = "1", date = "2026-11-10", signer = "X" }, "\"1\""))
            .ExpectProblem(HttpStatusCode.NotFound);
        await (await stranger.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { })).ExpectProblem(HttpStatusCode.NotFound);

        // The women's union reads its own groups' lines (Cường's and Bình's), nothing else.
        var womenOfficer = api.AssociationOfficer(women);
        var own = await (await womenOfficer.GetAsync($"/api/v1/confirmation-lists/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["Phan Văn Cường", "Trần Văn Bình"], own["lines"]!.AsArray().Select(l => (string)l!["borrowerName"]!));
        Assert.All(own["lines"]!.AsArray(), l => Assert.Equal(women, (Guid)l!["associationId"]!));
        var ownCsv = await womenOfficer.GetAsync($"/api/v1/confirmation-lists/{id}?format=csv");
        Assert.Equal(3, (await ownCsv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var ownLists = await (await womenOfficer.GetAsync($"/api/v1/communes/{UrbanCommune}/confirmation-lists")).Expect(HttpStatusCode.OK);
        Assert.Equal([id], ownLists["items"]!.AsArray().Select(i => (Guid)i!["id"]!));
        Assert.Equal(2, (int)ownLists["items"]![0]!["lineCount"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await womenOfficer.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { })).StatusCode);

        // Another association (of another commune): 404 for the list and for the commune's lists.
        var otherOfficer = api.AssociationOfficer(otherCommuneAssociation);
        await (await otherOfficer.GetAsync($"/api/v1/confirmation-lists/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await otherOfficer.GetAsync($"/api/v1/communes/{UrbanCommune}/confirmation-lists")).ExpectProblem(HttpStatusCode.NotFound);
    }

    Task<HttpResponseMessage> Decide(Guid list, Guid line, object body, string etag) =>
        official.Post($"/api/v1/confirmation-lists/{list}/lines/{line}/decision", body, etag);

    /// <summary>The canonical text exactly as the README documents it, from the JSON alone.</summary>
    internal static string Canonical(JsonNode list)
    {
        static string E(string? v) => (v ?? "").Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
        var text = new StringBuilder("confirmation-list/v1\n");
        text.Append($"id={list["id"]}\ncommune={E((string)list["communeCode"]!)}\nprogramme={E((string?)list["programme"])}\n");
        text.Append($"asOf={list["asOf"]}\nreplaces={(string?)list["replaces"]}\n");
        var s = list["signature"]!;
        text.Append($"number={E((string)s["number"]!)}\ndate={s["date"]}\nsigner={E((string)s["signer"]!)}\n");
        foreach (var l in list["lines"]!.AsArray().OrderBy(l => (int)l!["stt"]!))
            text.Append("line=").AppendJoin('\t', new[]
            {
                l!["stt"]!.ToString(), (string)l["requestId"]!, E((string)l["borrowerName"]!), E((string)l["villageName"]!), (string?)l["category"] ?? "",
                (string)l["programme"]!, l["amount"]!.ToString(), E((string)l["purpose"]!), l["termMonths"]!.ToString(), (string)l["result"]!,
                E((string?)l["reason"]),
            }).Append('\n');
        return text.ToString();
    }

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Decisions fired at once with the same If-Match: one wins, the others are 412 and nothing is mixed.</summary>
public sealed class ConfirmationConcurrencyTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task ConcurrentLineDecisions_WithTheSameIfMatch_OneWinsTheRestAre412()
    {
        var official = api.Official(RuralCommune);
        var group = await Group(api, await Association(api, RuralCommune, "youth-union"), "Tổ TK&VV Liêng Trang");
        for (int i = 0; i < 3; i++)
        {
            var household = await Household(api, RuralCommune, api.RuralVillage, Adult($"Hộ Thử {i}", "1980-01-01"));
            await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01"));
            await ApprovedRequest(api, household, group, "poor-household", 20_000_000m);
        }
        var created = await official.Post($"/api/v1/communes/{RuralCommune}/confirmation-lists", new { programme = "poor-household", asOf = "2026-11-01" });
        var list = await created.Expect(HttpStatusCode.Created);
        var id = (Guid)list["id"]!;
        var lines = list["lines"]!.AsArray().Select(l => (Guid)l!["id"]!).ToList();

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await official.Post($"/api/v1/confirmation-lists/{id}/lines/{lines[i % 3]}/decision",
                new { result = "refused", reason = $"Lý do {i}" }, created.ETag());
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(tasks);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.All(statuses.Where(s => s != 200), s => Assert.Equal(412, s));
        var winner = statuses.IndexOf(200);
        var stored = await (await official.GetAsync($"/api/v1/confirmation-lists/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)stored["undecidedCount"]!);
        Assert.Equal($"Lý do {winner}", (string)stored["lines"]!.AsArray().Single(l => (string?)l!["result"] == "refused")!["reason"]!);
    }
}
