using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>POST /api/v1/eligibility/lookup: status and eligible programmes today, by personal ID number.</summary>
public sealed class EligibilityLookupTests(EligibilityApi api) : IClassFixture<EligibilityApi>
{
    const string Url = "/api/v1/eligibility/lookup";

    static JsonNode Result(JsonNode answer, string personalId) =>
        answer["results"]!.AsArray().First(r => (string)r!["personalId"]! == personalId)!;

    /// <summary>A poor household in the rural commune and a near-poor one in another province; each head has an ID number.</summary>
    async Task<(string PoorHead, string PoorSpouse, string OtherCommuneHead, string NoStatusHead)> Arrange()
    {
        string poorHead = NewPersonalId("male", 1975), poorSpouse = NewPersonalId("female", 1978);
        string otherHead = NewPersonalId("female", 1969), noStatusHead = NewPersonalId("male", 1990);
        var poor = await Household(api, RuralCommune, api.RuralVillage,
            Adult("Đinh Văn Thắng", "1975-04-04", personalId: poorHead), Adult("Đinh Thị Hường", "1978-08-08", "spouse", "female", personalId: poorSpouse));
        // Effective long before today: still the status in force whatever day the tests run.
        await Statuses(api, (Guid)poor["id"]!, new StatusSpec("poor", "2022-01-01", 1_000_000, 4));
        var other = await Household(api, OtherProvinceCommune, api.OtherProvinceVillage, Adult("Võ Thị Lan", "1969-02-02", sex: "female", personalId: otherHead));
        await Statuses(api, (Guid)other["id"]!, new StatusSpec("near-poor", "2022-01-01"));
        await Household(api, RuralCommune, api.RuralVillage2, Adult("Lê Văn Tư", "1990-10-10", personalId: noStatusHead));
        return (poorHead, poorSpouse, otherHead, noStatusHead);
    }

    [Fact]
    public async Task AnIntegrator_FindsHouseholdsAnywhere_InTheRequestsOrder()
    {
        var (poorHead, poorSpouse, otherHead, noStatusHead) = await Arrange();
        var unknown = NewPersonalId("male", 1985);
        string[] ids = [otherHead, unknown, poorSpouse, noStatusHead, poorHead, poorHead];

        var answer = await (await api.ClientFor("integrator").Post(Url, new { personalIds = ids })).Expect(HttpStatusCode.OK);

        Assert.Equal(ids, answer["results"]!.AsArray().Select(r => (string)r!["personalId"]!));
        Assert.True(DateOnly.TryParse((string)answer["asOf"]!, out _));

        var poor = Result(answer, poorSpouse);
        Assert.True((bool)poor["found"]!);
        Assert.Equal("poor", (string)poor["status"]!);
        Assert.Equal(["poor-household", "income-150", "job-creation"], poor["eligibleProgrammes"]!.AsArray().Select(p => (string)p!));

        var other = Result(answer, otherHead);
        Assert.True((bool)other["found"]!);
        Assert.Equal("near-poor", (string)other["status"]!);
        Assert.Contains("near-poor-household", other["eligibleProgrammes"]!.AsArray().Select(p => (string)p!));

        var noStatus = Result(answer, noStatusHead);
        Assert.True((bool)noStatus["found"]!);
        Assert.Null(noStatus["status"]);
        Assert.Equal(["job-creation"], noStatus["eligibleProgrammes"]!.AsArray().Select(p => (string)p!));

        var missing = Result(answer, unknown);
        Assert.False((bool)missing["found"]!);
        Assert.Null(missing["status"]);
        Assert.Empty(missing["eligibleProgrammes"]!.AsArray());

        // Nothing else about the person.
        Assert.All(answer["results"]!.AsArray(), r => Assert.Equal(["personalId", "found", "status", "eligibleProgrammes"], r!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task ACommuneOfficial_FindsOnlyHouseholdsOfTheirCommunes()
    {
        var (poorHead, _, otherHead, _) = await Arrange();

        var answer = await (await api.Official(RuralCommune).Post(Url, new { personalIds = new[] { poorHead, otherHead } })).Expect(HttpStatusCode.OK);

        Assert.True((bool)Result(answer, poorHead)["found"]!);
        var other = Result(answer, otherHead);
        Assert.False((bool)other["found"]!);
        Assert.Null(other["status"]);
        Assert.Empty(other["eligibleProgrammes"]!.AsArray());
    }

    [Fact]
    public async Task AThousandNumbers_AreAnsweredInOneRequest()
    {
        var (poorHead, _, _, _) = await Arrange();
        var ids = Enumerable.Range(1, 999).Select(i => PersonalId("female", 1990, 900_000 + i)).Append(poorHead).ToArray();

        var answer = await (await api.ClientFor("integrator").Post(Url, new { personalIds = ids })).Expect(HttpStatusCode.OK);

        Assert.Equal(1000, answer["results"]!.AsArray().Count);
        Assert.Equal([poorHead], answer["results"]!.AsArray().Where(r => (bool)r!["found"]!).Select(r => (string)r!["personalId"]!));
    }

    [Fact]
    public async Task MoreThanAThousandNumbers_Is400()
    {
        var ids = Enumerable.Range(1, 1001).Select(i => PersonalId("female", 1990, 800_000 + i)).ToArray();
        var fields = await (await api.ClientFor("integrator").Post(Url, new { personalIds = ids })).ExpectValidationErrors();
        Assert.Equal(["personalIds"], fields);
    }

    [Theory]
    [InlineData("""{"personalIds":["068075000001","068075000002","068075000003","06807500000A"]}""", "personalIds[3]")]
    [InlineData("""{"personalIds":["068075000001","68075000002"]}""", "personalIds[1]")]
    [InlineData("""{"personalIds":[]}""", "personalIds")]
    [InlineData("""{}""", "personalIds")]
    [InlineData("""{"personalIds":[68075000001]}""", "personalIds[0]")]
    public async Task MalformedNumbers_Are400NamingTheIndex(string body, string field)
    {
        var fields = await (await api.ClientFor("integrator").Post(Url, body)).ExpectValidationErrors();
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task AnAdmin_Is403()
    {
        await (await api.Admin().Post(Url, new { personalIds = new[] { "068075000001" } })).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsBothRolesOfTheLookup()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var lookup = document["paths"]!["/api/v1/eligibility/lookup"]!["post"]!;

        Assert.Equal(["integrator", "commune-official"], lookup["x-required-roles"]!.AsArray().Select(r => (string)r!));
        Assert.NotNull(lookup["responses"]!["403"]);
        Assert.Contains("role `integrator` or `commune-official`", (string)lookup["description"]!);
        // Nullable classifications: the shared enum holds the four codes only; each property adds null itself.
        Assert.Equal(["poor", "near-poor", "middle-living", "not-poor"],
            document["components"]!["schemas"]!["Classification"]!["enum"]!.AsArray().Select(v => (string)v!));
    }
}
