using System.Net;
using System.Text;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>The inputs the hostile-input campaign found answered with a 500, each pinned down on its own.</summary>
public sealed class HostileInputRegressionTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    static ByteArrayContent Json(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/json") } };
    static ByteArrayContent Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    Task<long> Villages() => api.Scalar<long>("SELECT count(*) FROM villages");

    [Theory]
    [InlineData("lone surrogate escape", "{\"\\ud800\":1,\"name\":\"Thôn Mới\"}")]
    [InlineData("NUL in the value", "{\"name\":\"Thôn\\u0000Mới\"}")]
    [InlineData("U+FFFE in the value", "{\"name\":\"Thôn\\ufffeMới\"}")]
    [InlineData("NUL in the name", "{\"\\u0000\":1,\"name\":\"Thôn Mới\"}")]
    public async Task TextNoFieldCanHold_Is400_AndStoresNothing(string _, string body)
    {
        var before = await Villages();
        var response = await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", Json(body));

        await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await Villages());
    }

    [Fact]
    public async Task APropertyNameOfInvalidUtf8_Is400()
    {
        var response = await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", Json([.. "{\""u8, 0xFF, 0xFE, .. "\":1,\"name\":\"x\"}"u8]));

        Assert.Contains("body", await response.ExpectValidationErrors());
    }

    [Fact]
    public async Task RenamingAVillageToTextNormalisationRefuses_Is400_AndKeepsTheName()
    {
        var created = await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Thôn Đổi Tên" });
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;

        var response = await official.Send(HttpMethod.Put, $"/api/v1/villages/{id}", "{\"name\":\"\\ufffe\\uffff\"}", created.ETag());

        Assert.Contains("name", await response.ExpectValidationErrors());
        Assert.Equal("Thôn Đổi Tên", await api.Scalar<string>("SELECT name FROM villages WHERE id = @id", ("id", Guid.Parse(id))));
    }

    [Fact]
    public async Task NulInAQueryString_Is400NamingTheParameter()
    {
        Assert.Contains("village", await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?village=a%00b")).ExpectValidationErrors());
        Assert.Contains("subject", await (await api.ClientFor(Roles.Auditor).GetAsync("/api/v1/audit?subject=%00")).ExpectValidationErrors());
    }

    [Theory]
    [InlineData(2_147_483_647)]
    [InlineData(10_737_419)]
    public async Task APageFarBeyondTheEnd_IsEmpty(int page)
    {
        var list = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?page={page}&pageSize=200")).Expect(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());

        var eligible = await official.GetAsync($"/api/v1/communes/{UrbanCommune}/eligible-households?programme=poor-household&page={page}&pageSize=200");
        Assert.Empty((await eligible.Expect(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task AReviewWithNullIndicators_Is400_AndStoresNothing()
    {
        var household = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, Member("Phạm Văn Nam", "1980-01-01", "male", "head")));
        var id = (string)(await household.Expect(HttpStatusCode.Created))["id"]!;

        var response = await official.Send(HttpMethod.Post, $"/api/v1/households/{id}/reviews",
            "{\"kind\":\"regular\",\"surveyDate\":\"2025-10-01\",\"incomePerPersonMonthly\":1000000,\"indicators\":null}");

        Assert.Contains("indicators", await response.ExpectValidationErrors());
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM poverty_reviews WHERE household_id = @h", ("h", Guid.Parse(id))));
    }

    [Fact]
    public async Task NegativeZeroIncome_IsEvaluatedAsZero()
    {
        static string Body(string income) =>
            $"{{\"asOf\":\"2026-06-01\",\"areaType\":\"rural\",\"current\":{{\"effectiveDate\":\"2026-01-01\",\"incomePerPersonMonthly\":{income}}}}}";

        var negativeZero = await (await official.Send(HttpMethod.Post, "/api/v1/eligibility/evaluate", Body("-0"))).Expect(HttpStatusCode.OK);
        var zero = await (await official.Send(HttpMethod.Post, "/api/v1/eligibility/evaluate", Body("0"))).Expect(HttpStatusCode.OK);

        Assert.Equal(zero.ToJsonString(), negativeZero.ToJsonString());
    }

    [Theory]
    [InlineData("Xã\u0000Mới")]
    [InlineData("Xã\uFFFEMới")]
    public async Task AUnitListWithANameNoFieldCanHold_Is400_AndImportsNothing(string name)
    {
        var csv = $"province_code,province_name,commune_code,commune_name,commune_kind\n68,Tỉnh Lâm Đồng,24779,{name},xa\n";
        var response = await api.Admin().PostAsync("/api/v1/admin/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM communes WHERE code = '24779'"));
    }

    [Fact]
    public async Task TheLastPossiblePage_IsEmpty_NotAnOverflow()
    {
        var page = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/confirmation-lists?page={int.MaxValue}")).Expect(HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
    }

    [Theory]
    [InlineData("urbanLine", 0.0000000000000000000000000001)]
    [InlineData("ruralLine", 1500000.5)]
    [InlineData("middleLivingFactor", 1.00001)]
    public async Task AFigureWithMoreDecimalsThanItIsStoredWith_Is400NamingIt(string field, double value)
    {
        var body = new Dictionary<string, object>
        {
            ["effectiveFrom"] = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd"), ["ruralLine"] = 1_600_000m,
            ["urbanLine"] = 2_100_000m, ["middleLivingFactor"] = 1.5m, ["deprivationThreshold"] = 3, ["legalBasis"] = "Nghị định (verify)",
        };
        body[field] = (decimal)value;
        var response = await api.Admin().Post("/api/v1/admin/standards/2022-2025/figures", body);
        Assert.Contains(field, await response.ExpectValidationErrors());
    }
}
