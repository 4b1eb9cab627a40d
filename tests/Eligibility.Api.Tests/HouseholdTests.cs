using System.Net;
using System.Text;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

public sealed class HouseholdTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    async Task<(System.Text.Json.Nodes.JsonNode Body, string ETag)> Register(params object[] members)
    {
        var response = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, members));
        return (await response.Expect(HttpStatusCode.Created), response.ETag());
    }

    static int serial = 100;
    static string NextId(string sex, int year) => PersonalId(sex, year, Interlocked.Increment(ref serial));

    [Fact]
    public async Task Create_WithMembers_ReturnsTheHouseholdWithLocationAndETag()
    {
        var id = NextId("female", 1978);
        var response = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Nguyễn Thị Hoà", "1978-03-14", "female", "head", id),
            Member("Trần Văn Minh", "2005-09-02", "male", "child")));

        var body = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/households/{body["id"]}", response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("68", (string)body["provinceCode"]!);
        Assert.Equal("Tổ dân phố 1", (string)body["villageName"]!);
        Assert.Equal("Nguyễn Thị Hoà", (string)body["headName"]!);
        Assert.Equal(2, body["members"]!.AsArray().Count);
        Assert.Equal(id, (string)body["members"]![0]!["personalId"]!);

        var read = await official.GetAsync($"/api/v1/households/{body["id"]}");
        var again = await read.Expect(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), again.ToJsonString());
        Assert.Equal(response.ETag(), read.ETag());
    }

    [Fact]
    public async Task Create_StoresEveryTableRowWithTheProvinceCode()
    {
        var (body, _) = await Register(Member("Lê Văn Tám", "1960-01-01", "male", "head"), Member("Lê Thị Chín", "1990-01-01", "female", "child"));
        var id = Guid.Parse((string)body["id"]!);
        Assert.Equal("68", await api.Scalar<string>("SELECT province_code FROM households WHERE id = @id", ("id", id)));
        Assert.Equal(2L, await api.Scalar<long>("SELECT count(*) FROM members WHERE household_id = @id AND province_code = '68'", ("id", id)));
    }

    [Fact]
    public async Task Names_AreStoredInNfcAndReadBackIdentical()
    {
        var decomposed = "Nguyễn Thị Hoà".Normalize(NormalizationForm.FormD);
        var (body, _) = await Register(Member(decomposed, "1980-01-01", "female", "head"));
        var read = await (await official.GetAsync($"/api/v1/households/{body["id"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Nguyễn Thị Hoà".Normalize(NormalizationForm.FormC), (string)read["members"]![0]!["fullName"]!);
        Assert.NotEqual(decomposed, (string)read["members"]![0]!["fullName"]!);
    }

    [Fact]
    public async Task Search_IgnoresCaseAndDiacritics()
    {
        var (hoa, _) = await Register(Member("Đặng Văn Lực", "1970-01-01", "male", "head"), Member("Nguyễn Thị Hoà", "1972-02-02", "female", "spouse"));
        await Register(Member("Nguyễn Thị Hòa Bình", "1975-01-01", "female", "head"));
        await Register(Member("Phạm Văn Hùng", "1975-01-01", "male", "head"));

        foreach (var query in new[] { "nguyen thi hoa", "NGUYỄN THỊ HOÀ", "Nguyen  Thi   Hoa", "dang van luc" })
        {
            var page = await (await official.Post($"/api/v1/communes/{UrbanCommune}/households/search", new { name = query })).Expect(HttpStatusCode.OK);
            var ids = page["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
            Assert.Contains((string)hoa["id"]!, ids);
            Assert.DoesNotContain(page["items"]!.AsArray(), i => ((string)i!["headName"]!).Contains("Hùng"));
        }
    }

    [Fact]
    public async Task ANameTravelsInTheBody_NeverInTheUrl()
    {
        await Register(Member("Hồ Văn Tìm", "1970-01-01", "male", "head"));
        await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage2, Member("Hồ Thị Tìm", "1971-01-01", "female", "head")));

        var inUrl = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?name=ho%20van%20tim")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("/households/search", (string)inUrl["errors"]!["name"]![0]!);

        var search = $"/api/v1/communes/{UrbanCommune}/households/search";
        var both = await (await official.Post(search, new { name = "tim", pageSize = 1 })).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (long)both["totalCount"]!);
        Assert.Equal("Hồ Thị Tìm", (string)both["items"]![0]!["headName"]!);
        var second = await (await official.Post(search, new { name = "tim", page = 2, pageSize = 1 })).Expect(HttpStatusCode.OK);
        Assert.Equal("Hồ Văn Tìm", (string)second["items"]![0]!["headName"]!);
        var inVillage = await (await official.Post(search, new { name = "tim", village = api.UrbanVillage })).Expect(HttpStatusCode.OK);
        Assert.Equal(["Hồ Văn Tìm"], inVillage["items"]!.AsArray().Select(i => (string)i!["headName"]!));

        Assert.Equal(["name", "page", "pageSize"], (await (await official.Post(search, new { name = " ", page = 0, pageSize = 1000 })).ExpectValidationErrors()).Order());
        await (await api.Official(RuralCommune).Post(search, new { name = "tim" })).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_TreatsLikeWildcardsAsText()
    {
        await Register(Member("Trịnh Văn Phúc", "1970-01-01", "male", "head"));
        var page = await (await official.Post($"/api/v1/communes/{UrbanCommune}/households/search", new { name = "%" })).Expect(HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task List_PagesInAStableOrderAndFiltersByVillage()
    {
        var other = await api.Official(RuralCommune).Post("/api/v1/households",
            Household(RuralCommune, api.RuralVillage, Member("A Rural Head", "1970-01-01", "male", "head")));
        await other.Expect(HttpStatusCode.Created);
        await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage2, Member("Zô Văn Xa", "1970-01-01", "male", "head")));
        for (int i = 0; i < 3; i++)
            await Register(Member($"Cao Thị Số {i}", "1970-01-01", "female", "head"));

        var all = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?pageSize=200")).Expect(HttpStatusCode.OK);
        var names = all["items"]!.AsArray().Select(i => (string)i!["headName"]!).ToList();
        Assert.Equal(names.Count, (int)all["totalCount"]!);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.DoesNotContain("A Rural Head", names);

        var pages = new List<string>();
        for (int page = 1; page <= names.Count; page++)
        {
            var one = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?pageSize=1&page={page}")).Expect(HttpStatusCode.OK);
            pages.Add((string)one["items"]![0]!["headName"]!);
        }
        Assert.Equal(names, pages);

        var village2 = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?village={api.UrbanVillage2}")).Expect(HttpStatusCode.OK);
        Assert.All(village2["items"]!.AsArray(), i => Assert.Equal(api.UrbanVillage2.ToString(), (string)i!["villageId"]!));
        Assert.Contains(village2["items"]!.AsArray(), i => (string)i!["headName"]! == "Zô Văn Xa");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task List_RejectsBadPaging(string query, string field)
    {
        var fields = await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households?{query}")).ExpectValidationErrors();
        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task Update_MovesVillageChangesAddressAndHead()
    {
        var (body, etag) = await Register(Member("Hồ Văn Cha", "1950-01-01", "male", "head"), Member("Hồ Văn Con", "1980-01-01", "male", "child"));
        var son = body["members"]!.AsArray().Single(m => (string)m!["fullName"]! == "Hồ Văn Con")!;

        var response = await official.Put($"/api/v1/households/{body["id"]}", new
        {
            villageId = api.UrbanVillage2,
            address = "Số 5, hẻm 3",
            headMemberId = (string)son["id"]!,
            formerHeadRelationship = "parent",
        }, etag);

        var updated = await response.Expect(HttpStatusCode.OK);
        Assert.NotEqual(etag, response.ETag());
        Assert.Equal("Hồ Văn Con", (string)updated["headName"]!);
        Assert.Equal("Tổ dân phố 2", (string)updated["villageName"]!);
        Assert.Equal("Số 5, hẻm 3", (string)updated["address"]!);
        Assert.Equal("parent", (string)updated["members"]!.AsArray().Single(m => (string)m!["fullName"]! == "Hồ Văn Cha")!["relationship"]!);
    }

    [Fact]
    public async Task Update_ToAVillageOfAnotherCommune_IsRejected()
    {
        var (body, etag) = await Register(Member("Mai Văn Nam", "1950-01-01", "male", "head"));
        var response = await official.Put($"/api/v1/households/{body["id"]}", new { villageId = api.RuralVillage, address = "x", headMemberId = (string)body["headMemberId"]! }, etag);
        Assert.Contains("villageId", await response.ExpectValidationErrors());
    }

    [Fact]
    public async Task Members_CanBeAddedCorrectedAndRemoved()
    {
        var (body, etag) = await Register(Member("Vũ Thị Mơ", "1980-01-01", "female", "head"));
        var url = $"/api/v1/households/{body["id"]}";

        var added = await official.Post($"{url}/members", Member("Vũ Văn Nhỏ", "2015-06-01", "male", "child"), etag);
        var afterAdd = await added.Expect(HttpStatusCode.OK);
        var child = afterAdd["members"]!.AsArray().Single(m => (string)m!["fullName"]! == "Vũ Văn Nhỏ")!;

        var corrected = await official.Put($"{url}/members/{child["id"]}", Member("Vũ Văn Nhỏ Bé", "2015-06-02", "male", "child"), added.ETag());
        var afterCorrect = await corrected.Expect(HttpStatusCode.OK);
        Assert.Contains(afterCorrect["members"]!.AsArray(), m => (string)m!["fullName"]! == "Vũ Văn Nhỏ Bé" && (string)m!["dateOfBirth"]! == "2015-06-02");

        var removed = await official.Send(HttpMethod.Delete, $"{url}/members/{child["id"]}", ifMatch: corrected.ETag());
        var afterRemove = await removed.Expect(HttpStatusCode.OK);
        Assert.Single(afterRemove["members"]!.AsArray());
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM members WHERE id = @id", ("id", Guid.Parse((string)child["id"]!))));
    }

    [Fact]
    public async Task RemovingTheHead_IsAConflict()
    {
        var (body, etag) = await Register(Member("Tạ Văn Đầu", "1960-01-01", "male", "head"), Member("Tạ Thị Vợ", "1962-01-01", "female", "spouse"));
        var response = await official.Send(HttpMethod.Delete, $"/api/v1/households/{body["id"]}/members/{body["headMemberId"]}", ifMatch: etag);
        await response.ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AddingASecondHead_IsRejected()
    {
        var (body, etag) = await Register(Member("Tạ Văn Một", "1960-01-01", "male", "head"));
        var response = await official.Post($"/api/v1/households/{body["id"]}/members", Member("Tạ Văn Hai", "1961-01-01", "male", "head"), etag);
        Assert.Contains("relationship", await response.ExpectValidationErrors());
    }

    [Fact]
    public async Task Changes_WithAStaleIfMatch_Get412_AndWithoutIfMatch_Get428()
    {
        var (body, etag) = await Register(Member("Lý Văn Cũ", "1960-01-01", "male", "head"));
        var url = $"/api/v1/households/{body["id"]}";
        var update = new { villageId = api.UrbanVillage, address = "mới", headMemberId = (string)body["headMemberId"]! };

        await (await official.Put(url, update, etag)).Expect(HttpStatusCode.OK);
        await (await official.Put(url, update, etag)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        await (await official.Put(url, update)).ExpectProblem((HttpStatusCode)428);
        await (await official.Post($"{url}/members", Member("Lý Thị Mới", "1990-01-01", "female", "child"), etag)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        await (await official.Post($"{url}/members", Member("Lý Thị Mới", "1990-01-01", "female", "child"))).ExpectProblem((HttpStatusCode)428);
        await (await official.Send(HttpMethod.Delete, $"{url}/members/{body["headMemberId"]}")).ExpectProblem((HttpStatusCode)428);
        await (await official.Put(url, update, "\"not-a-version\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task APersonalIdInAnotherHousehold_IsAConflict_NamingItOnlyToThoseWhoMayReadIt()
    {
        var id = NextId("male", 1985);
        var (first, _) = await Register(Member("Chu Văn Một", "1985-05-05", "male", "head", id));

        var sameCommune = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, Member("Chu Văn Một", "1985-05-05", "male", "head", id)));
        var problem = await sameCommune.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains((string)first["id"]!, (string)problem["detail"]!);
        Assert.Equal("members[0].personalId", (string)problem["field"]!);

        var elsewhere = await api.Official(RuralCommune).Post("/api/v1/households", Household(RuralCommune, api.RuralVillage, Member("Chu Văn Một", "1985-05-05", "male", "head", id)));
        var hidden = await elsewhere.ExpectProblem(HttpStatusCode.Conflict);
        Assert.DoesNotContain((string)first["id"]!, hidden.ToJsonString());

        var (second, etag) = await Register(Member("Chu Văn Hai", "1986-01-01", "male", "head"));
        var added = await official.Post($"/api/v1/households/{second["id"]}/members", Member("Chu Văn Một", "1985-05-05", "male", "sibling", id), etag);
        await added.ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SearchByPersonalId_FindsTheHouseholdOnlyWithinTheCallersCommunes()
    {
        var id = NextId("female", 1991);
        var (body, _) = await Register(Member("Quách Thị Tìm", "1991-09-09", "female", "head", id));

        var found = await (await official.Post("/api/v1/households/search", new { personalId = id })).Expect(HttpStatusCode.OK);
        Assert.Equal((string)body["id"]!, (string)found["id"]!);

        await (await api.Official(RuralCommune).Post("/api/v1/households/search", new { personalId = id })).ExpectProblem(HttpStatusCode.NotFound);
        await (await official.Post("/api/v1/households/search", new { personalId = NextId("male", 1950) })).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains("personalId", await (await official.Post("/api/v1/households/search", new { personalId = "12345" })).ExpectValidationErrors());
    }

    [Fact]
    public async Task AnOfficialOfAnotherCommune_GetsNotFound_AsIfTheHouseholdDidNotExist()
    {
        var (body, etag) = await Register(Member("Kiều Văn Riêng", "1970-01-01", "male", "head"));
        var outsider = api.Official(RuralCommune);
        var url = $"/api/v1/households/{body["id"]}";

        var missing = await (await outsider.GetAsync($"/api/v1/households/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
        var elsewhere = await (await outsider.GetAsync(url)).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal((string)missing["title"]!, (string)elsewhere["title"]!);
        Assert.Equal((string)missing["detail"]!, (string)elsewhere["detail"]!);

        await (await outsider.Put(url, new { villageId = api.UrbanVillage, address = "x", headMemberId = (string)body["headMemberId"]! }, etag)).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"{url}/members", Member("Kẻ Lạ", "1990-01-01", "male", "child"), etag)).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Send(HttpMethod.Delete, $"{url}/members/{body["headMemberId"]}", ifMatch: etag)).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/communes/{UrbanCommune}/households")).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, Member("Kẻ Lạ", "1990-01-01", "male", "head")))).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admins_DoNotReachHouseholdData()
    {
        var (body, _) = await Register(Member("Ông Quản Trị", "1970-01-01", "male", "head"));
        await (await api.Admin().GetAsync($"/api/v1/households/{body["id"]}")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await api.Admin().GetAsync($"/api/v1/communes/{UrbanCommune}/households")).ExpectProblem(HttpStatusCode.Forbidden);
    }
}
