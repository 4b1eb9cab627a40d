using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>What the imports leave in the audit trail, read back as an auditor reads it.</summary>
public sealed class ImportAuditTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    async Task<JsonArray> Audit(string query) =>
        (await (await api.ClientFor(Roles.Auditor).GetAsync($"/api/v1/audit?{query}&pageSize=200")).Expect(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task ASurveyImport_RecordsTheIdsOfTheReviewsItCreated()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var households = new List<Guid>();
        for (int i = 0; i < 2; i++)
        {
            var (household, _) = await a.Household(UrbanCommune, api.UrbanVillage, $"Phan Văn Ghi {i}");
            await a.Request(UrbanCommune, round, household, "2026-09-01");
            households.Add(household);
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(SurveyImportTests.Csv([.. households.Select(h => SurveyImportTests.Row(h))])));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var report = await (await api.Official(UrbanCommune).PostAsync($"/api/v1/review-rounds/{round}/survey-imports", content)).Expect(HttpStatusCode.Created);

        var entry = (await Audit($"entity=review&action=import&entityId={report["importId"]}")).Single()!;
        var created = await api.Scalar<Guid[]>("SELECT array_agg(id ORDER BY id) FROM poverty_reviews WHERE household_id = ANY(@h)", ("h", households.ToArray()));
        Assert.Equal(created, entry["after"]!["reviewIds"]!.AsArray().Select(id => Guid.Parse((string)id!)).Order());
    }

    [Fact]
    public async Task AUnitImport_RecordsBeforeAndAfterForEveryUnitItAddsOrChanges()
    {
        const string Header = "province_code,province_name,commune_code,commune_name,commune_kind,area_type\n";
        async Task Import(string rows)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + rows));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            await (await api.Admin().PostAsync("/api/v1/admin/units/import", content)).Expect(HttpStatusCode.OK);
        }

        await Import("68,Tỉnh Lâm Đồng,24999,Đặc khu Thử,dac_khu,rural\n68,Tỉnh Lâm Đồng,24853,Xã Đam Rông 4,xa,rural\n");
        // The special zone becomes urban: another poverty line for its households. The unchanged commune records nothing.
        await Import("68,Tỉnh Lâm Đồng,24999,Đặc khu Thử,dac_khu,urban\n68,Tỉnh Lâm Đồng,24853,Xã Đam Rông 4,xa,rural\n");

        var entries = await Audit("entity=commune&entityId=24999");
        Assert.Equal(["create", "update"], entries.Select(e => (string)e!["action"]!));
        Assert.Null(entries[0]!["before"]);
        Assert.Equal("rural", (string)entries[0]!["after"]!["areaType"]!);
        Assert.Equal(("rural", "urban"), ((string)entries[1]!["before"]!["areaType"]!, (string)entries[1]!["after"]!["areaType"]!));
        Assert.Equal("Đặc khu Thử", (string)entries[1]!["after"]!["name"]!);
        Assert.Empty(await Audit("entity=commune&entityId=24853"));
        Assert.Empty(await Audit("entity=province&entityId=68"));
    }
}
