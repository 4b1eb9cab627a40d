using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>The public posting list of a round as JSON, CSV and XLSX, parsed back with real parsers.</summary>
public sealed class ProcedurePostingTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    static readonly string[] Headings = ["STT", "Thôn/ấp", "Họ và tên chủ hộ", "Đề xuất phân loại", "Niêm yết từ ngày", "Niêm yết đến ngày", "Tình trạng"];

    [Fact]
    public async Task ThePostingList_AsCsvAndXlsx_SaysWhatTheJsonSays_WithoutIdNumbersOrDatesOfBirth()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-09");
        var secrets = new List<string>();
        // Villages "Tổ dân phố 1" and "Tổ dân phố 2"; names out of order, so the list must sort them.
        foreach (var (village, name, income) in new[]
                 {
                     (api.UrbanVillage2, "Nguyễn Văn Ánh", 1_000_000), (api.UrbanVillage, "Trương Thị Yến", 1_900_000),
                     (api.UrbanVillage, "Bùi Văn Đức", 2_500_000), (api.UrbanVillage2, "Hoàng Thị Ba", 5_000_000),
                 })
        {
            var (household, personalId) = await a.Household(UrbanCommune, village, name, "1977-05-14");
            secrets.Add(personalId);
            await a.Request(UrbanCommune, round, household, "2026-09-01");
            var review = await a.Review(UrbanCommune, round, household, "2026-09-07", income: income);
            await (await a.Meeting(UrbanCommune, review, "2026-09-09")).Expect(HttpStatusCode.OK);
            await (await a.Posting(UrbanCommune, review, "2026-09-11")).Expect(HttpStatusCode.OK);
        }
        // Surveyed but not yet past its meeting: not on the posting list.
        var (unposted, _) = await a.Household(UrbanCommune, api.UrbanVillage, "An Văn Chưa");
        await a.Request(UrbanCommune, round, unposted, "2026-09-01");
        await a.Review(UrbanCommune, round, unposted, "2026-09-07");

        var client = a.Client(UrbanCommune);
        var jsonText = await (await client.GetAsync($"/api/v1/review-rounds/{round}/posting")).Content.ReadAsStringAsync();
        var items = JsonNode.Parse(jsonText)!["items"]!.AsArray();
        Assert.Equal(["Tổ dân phố 1", "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 2"], items.Select(i => (string)i!["villageName"]!));
        Assert.Equal(["Bùi Văn Đức", "Trương Thị Yến", "Hoàng Thị Ba", "Nguyễn Văn Ánh"], items.Select(i => (string)i!["headName"]!));
        Assert.Equal(["middle-living", "poor", "not-poor", "poor"], items.Select(i => (string)i!["proposedClassification"]!));
        Assert.Equal([1, 2, 3, 4], items.Select(i => (int)i!["no"]!));
        var expected = items.Select(i => new[]
        {
            ((int)i!["no"]!).ToString(CultureInfo.InvariantCulture), (string)i["villageName"]!, (string)i["headName"]!,
            (string)i["proposedClassificationVi"]!, (string)i["postingStart"]!, (string)i["postingEnd"]!, "Đang niêm yết",
        }).ToList();
        Assert.Equal("Hộ nghèo", expected[3][3]);
        Assert.Equal("2026-09-15", expected[0][5]);   // Fri 11, Mon 14, Tue 15

        // CSV: by ?format=, UTF-8 with a byte-order mark.
        var csvResponse = await client.GetAsync($"/api/v1/review-rounds/{round}/posting?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var csvText = Encoding.UTF8.GetString(csvBytes);
        var csvRows = ExportReader.Csv(csvBytes);
        Assert.Equal(Headings, csvRows[0]);
        Assert.Equal(expected, csvRows.Skip(1).ToList());

        // XLSX: by the Accept header.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/review-rounds/{round}/posting");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var xlsxResponse = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        var sheetRows = ExportReader.Xlsx(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headings, sheetRows[0]);
        Assert.Equal(expected, sheetRows.Skip(1).ToList());

        // No ID numbers, no dates of birth, in any form.
        var xlsxText = string.Join("\n", sheetRows.SelectMany(r => r));
        foreach (var text in new[] { jsonText, csvText, xlsxText })
        {
            Assert.All(secrets, id => Assert.DoesNotContain(id, text));
            Assert.DoesNotContain("1977", text);
            Assert.DoesNotContain("personalId", text);
            Assert.DoesNotContain("dateOfBirth", text);
        }
    }

    [Fact]
    public async Task AnUnknownFormat_Is400()
    {
        var round = await a.RegularRound(RuralCommune, "2026-09");
        Assert.Contains("format", await (await a.Client(RuralCommune).GetAsync($"/api/v1/review-rounds/{round}/posting?format=pdf")).ExpectValidationErrors());
    }
}
