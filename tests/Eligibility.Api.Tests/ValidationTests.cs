using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Bad input gets a 400 naming the field, and nothing of it is stored.</summary>
public sealed class ValidationTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    JsonObject ValidHousehold() => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
        Household(UrbanCommune, api.UrbanVillage,
            Member("Nguyễn Văn Chủ", "1970-05-05", "male", "head", PersonalId("male", 1970, 555001)),
            Member("Nguyễn Thị Vợ", "2001-05-05", "female", "spouse", PersonalId("female", 2001, 555002))),
        Infrastructure.Http.Web))!.AsObject();

    public static TheoryData<string, string, string> BadMembers => new()
    {
        // JSON path inside the first member, new value, the field the 400 must name.
        { "personalId", "\"06807012345\"", "members[0].personalId" },          // 11 digits
        { "personalId", "\"0680701234567\"", "members[0].personalId" },        // 13 digits
        { "personalId", "\"06807012345a\"", "members[0].personalId" },         // not all digits
        { "personalId", "\"068170555001\"", "members[0].personalId" },         // digit 4 says female, member is male
        { "personalId", "\"068071555001\"", "members[0].personalId" },         // digits 5-6 say 1971, born 1970
        { "personalId", "\"068270555001\"", "members[0].personalId" },         // digit 4 says born 2000-2099
        { "dateOfBirth", "\"2999-01-01\"", "members[0].dateOfBirth" },
        { "dateOfBirth", "\"1899-12-31\"", "members[0].dateOfBirth" },
        { "dateOfBirth", "\"1970-02-30\"", "members[0].dateOfBirth" },
        { "dateOfBirth", "12", "members[0].dateOfBirth" },
        { "fullName", "\"\"", "members[0].fullName" },
        { "fullName", "\"   \"", "members[0].fullName" },
        { "fullName", $"\"{new string('a', 101)}\"", "members[0].fullName" },
        { "fullName", "null", "members[0].fullName" },
        { "relationship", "\"cousin-twice-removed\"", "members[0].relationship" },
        { "relationship", "\"spouse\"", "members" },                            // no head left
        { "sex", "\"other\"", "members[0].sex" },
        { "sex", "0", "members[0].sex" },
        { "hasDisability", "\"yes\"", "members[0].hasDisability" },
        { "nickname", "\"Tí\"", "members[0].nickname" },                      // unknown field
    };

    [Theory]
    [MemberData(nameof(BadMembers))]
    public async Task Create_WithABadMember_Is400NamingTheField(string property, string json, string field)
    {
        var body = ValidHousehold();
        body["members"]![0]![property] = JsonNode.Parse(json);
        await AssertRejected(body, field);
    }

    [Fact]
    public async Task Create_WithABadMember_ReportsEveryBadField()
    {
        var body = ValidHousehold();
        body["members"]![0]!["fullName"] = "";
        body["members"]![1]!["dateOfBirth"] = "2999-01-01";
        body["address"] = new string('x', 201);
        var fields = await (await official.Post("/api/v1/households", body.ToJsonString())).ExpectValidationErrors();
        Assert.Contains("members[0].fullName", fields);
        Assert.Contains("members[1].dateOfBirth", fields);
        Assert.Contains("address", fields);
    }

    [Fact]
    public async Task Create_WithTwoHeads_Is400()
    {
        var body = ValidHousehold();
        body["members"]![1]!["relationship"] = "head";
        await AssertRejected(body, "members");
    }

    [Fact]
    public async Task Create_WithTheSameIdTwice_Is400()
    {
        var body = ValidHousehold();
        body["members"]![1] = JsonNode.Parse(body["members"]![0]!.ToJsonString());
        body["members"]![1]!["relationship"] = "sibling";
        await AssertRejected(body, "members");
    }

    [Theory]
    [InlineData("communeCode", "\"99999\"", "communeCode")]     // no such commune
    [InlineData("communeCode", "\"123\"", "communeCode")]       // not a commune code
    [InlineData("villageId", "\"00000000-0000-0000-0000-000000000001\"", "villageId")]
    [InlineData("villageId", "\"not-a-guid\"", "villageId")]
    [InlineData("members", "[]", "members")]
    [InlineData("members", "{}", "members")]
    [InlineData("extra", "true", "extra")]
    public async Task Create_WithABadHouseholdField_Is400NamingIt(string property, string json, string field)
    {
        var body = ValidHousehold();
        body[property] = JsonNode.Parse(json);
        await AssertRejected(body, field);
    }

    [Fact]
    public async Task Create_InAVillageOfAnotherCommune_Is400()
    {
        var body = ValidHousehold();
        body["villageId"] = api.RuralVillage.ToString();
        await AssertRejected(body, "villageId");
    }

    [Fact]
    public async Task Create_WithoutRequiredFields_NamesThem()
    {
        var fields = await (await official.Post("/api/v1/households", "{\"communeCode\":\"24778\"}")).ExpectValidationErrors();
        Assert.Contains("villageId", fields);
        Assert.Contains("members", fields);
    }

    [Theory]
    [InlineData("{\"communeCode\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"communeCode\": \"24778\", \"villageId\": ")]
    public async Task MalformedJson_Is400(string raw)
    {
        var response = await official.Post("/api/v1/households", raw);
        await response.ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeeplyNestedJson_Is400()
    {
        var raw = "{\"communeCode\": " + new string('[', 5000) + new string(']', 5000) + "}";
        await (await official.Post("/api/v1/households", raw)).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyOverOneMebibyte_Is413()
    {
        var raw = "{\"communeCode\": \"" + new string('x', 1024 * 1024 + 10) + "\"}";
        await (await official.Post("/api/v1/households", raw)).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AWrongContentType_Is415()
    {
        var content = new StringContent(ValidHousehold().ToJsonString(), System.Text.Encoding.UTF8, "text/plain");
        var response = await official.PostAsync("/api/v1/households", content);
        await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AMalformedRouteId_Is404NotA500()
    {
        var response = await official.GetAsync("/api/v1/households/not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AValidHousehold_IsAccepted()
    {
        // The baseline the cases above differ from: without it a broken fixture would make every case "pass".
        var body = ValidHousehold();
        body["members"]![0]!["personalId"] = PersonalId("male", 1970, 777001);
        body["members"]![1]!["personalId"] = PersonalId("female", 2001, 777002);
        await (await official.Post("/api/v1/households", body.ToJsonString())).Expect(HttpStatusCode.Created);
    }

    async Task AssertRejected(JsonObject body, string field)
    {
        long before = await api.Scalar<long>("SELECT count(*) FROM households") + await api.Scalar<long>("SELECT count(*) FROM members");
        var fields = await (await official.Post("/api/v1/households", body.ToJsonString())).ExpectValidationErrors();
        Assert.Contains(field, fields);
        long after = await api.Scalar<long>("SELECT count(*) FROM households") + await api.Scalar<long>("SELECT count(*) FROM members");
        Assert.Equal(before, after);
    }
}
