using System.Net;
using System.Text;
using Eligibility.Api.Tests.Infrastructure;

namespace Eligibility.Api.Tests;

public sealed class UnitImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    const string Header = "province_code,province_name,commune_code,commune_name,commune_kind\n";

    static string OfficialListPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Eligibility.sln")))
                return Path.Combine(dir.FullName, "db", "reference", "administrative-units-2025.csv");
        throw new InvalidOperationException("The repository root (Eligibility.sln) was not found above the test binaries.");
    }

    Task<HttpResponseMessage> Import(string csv) => Import(Encoding.UTF8.GetBytes(csv));

    Task<HttpResponseMessage> Import(byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return api.Admin().PostAsync("/api/v1/admin/units/import", content);
    }

    [Fact]
    public async Task TheWholeOfficialList_IsImportedAndReadable_AndReimportingChangesNothing()
    {
        var path = OfficialListPath();
        Assert.True(File.Exists(path), $"The official unit list is expected at {path} (db/reference in the repository).");
        var file = await File.ReadAllBytesAsync(path);

        var first = await (await Import(file)).Expect(HttpStatusCode.OK);
        Assert.Equal(34, (int)first["provinces"]!);
        Assert.Equal(3321, (int)first["communes"]!);

        var client = api.Official("24778");
        var provinces = await (await client.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
        Assert.Equal(34, provinces.AsArray().Count);
        Assert.Equal(3321, provinces.AsArray().Sum(p => (int)p!["communeCount"]!));
        var lamDong = provinces.AsArray().Single(p => (string)p!["code"]! == "68")!;
        Assert.Equal("Tỉnh Lâm Đồng", (string)lamDong["name"]!);

        var communes = await (await client.GetAsync("/api/v1/provinces/68/communes")).Expect(HttpStatusCode.OK);
        Assert.Equal((int)lamDong["communeCount"]!, communes.AsArray().Count);

        var ward = await (await client.GetAsync("/api/v1/communes/24778")).Expect(HttpStatusCode.OK);
        Assert.Equal("Phường Lâm Viên - Đà Lạt", (string)ward["name"]!);
        Assert.Equal("phuong", (string)ward["kind"]!);
        Assert.Equal("urban", (string)ward["areaType"]!);
        var commune = await (await client.GetAsync("/api/v1/communes/24853")).Expect(HttpStatusCode.OK);
        Assert.Equal("rural", (string)commune["areaType"]!);
        var zone = await (await client.GetAsync("/api/v1/communes/21548")).Expect(HttpStatusCode.OK);
        Assert.Equal("dac-khu", (string)zone["kind"]!);

        var again = await (await Import(file)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)again["provincesAdded"]!);
        Assert.Equal(0, (int)again["communesAdded"]!);
        Assert.Equal(3321L, await api.Scalar<long>("SELECT count(*) FROM communes"));
    }

    [Fact]
    public async Task ABadRow_ReportsItsLine_AndNothingOfTheFileIsApplied()
    {
        await (await Import(Header + "91,Tỉnh Thử,99001,Xã Một,xa\n")).Expect(HttpStatusCode.OK);
        var before = await api.Scalar<long>("SELECT count(*) FROM communes");

        var csv = Header +
            "91,Tỉnh Thử Đổi Tên,99001,Xã Một Mới,xa\n" +
            "91,Tỉnh Thử Đổi Tên,99002,Xã Hai,xa\n" +
            "91,Tỉnh Thử Đổi Tên,9900X,Xã Ba,xa\n" +
            "91,Tỉnh Thử Đổi Tên,99004,Xã Bốn,thanh-pho\n";
        var problem = await (await Import(csv)).ExpectProblem(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key == "line 4.commune_code");
        Assert.Contains(errors, e => e.Key == "line 5.commune_kind");
        Assert.DoesNotContain(errors, e => e.Key.StartsWith("line 2") || e.Key.StartsWith("line 3"));

        Assert.Equal(before, await api.Scalar<long>("SELECT count(*) FROM communes"));
        Assert.Equal("Xã Một", await api.Scalar<string>("SELECT name FROM communes WHERE code = '99001'"));
        Assert.Equal("Tỉnh Thử", await api.Scalar<string>("SELECT name FROM provinces WHERE code = '91'"));
    }

    [Theory]
    [InlineData("", "line 1")]
    [InlineData("code,name\n01,X\n", "line 1")]
    [InlineData(Header + "92,Tỉnh A,99101,Xã A,xa\n92,Tỉnh A,99101,Xã B,xa\n", "line 3.commune_code")]
    [InlineData(Header + "92,Tỉnh A,99101,Xã A,xa\n92,Tỉnh B,99102,Xã B,xa\n", "line 3.province_name")]
    [InlineData(Header + "9,Tỉnh A,99101,Xã A,xa\n", "line 2.province_code")]
    [InlineData(Header + "92,,99101,Xã A,xa\n", "line 2.province_name")]
    [InlineData(Header + "92,Tỉnh\u0001 A,99101,Xã A,xa\n", "line 2.province_name")]
    [InlineData(Header + "92,Tỉnh A,99101,Xã \u202EA,xa\n", "line 2.commune_name")]
    public async Task ABadFile_IsRejectedNamingTheLine(string csv, string key)
    {
        var problem = await (await Import(csv)).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key == key);
    }

    [Fact]
    public async Task TheImport_TakesOnlyCsv()
    {
        var response = await api.Admin().PostAsync("/api/v1/admin/units/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/v1/provinces/00/communes")]
    [InlineData("/api/v1/communes/00000")]
    [InlineData("/api/v1/communes/00000/villages")]
    public async Task UnknownUnits_Are404(string url) =>
        await (await api.Admin().GetAsync(url)).ExpectProblem(HttpStatusCode.NotFound);
}

public sealed class VillageTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(Arrange.RuralCommune);

    [Fact]
    public async Task Villages_AreCreatedListedAndRenamed()
    {
        var created = await official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "Thôn Đạ Nhar" });
        var village = await created.Expect(HttpStatusCode.Created);

        var list = await (await official.GetAsync($"/api/v1/communes/{Arrange.RuralCommune}/villages")).Expect(HttpStatusCode.OK);
        Assert.Contains(list.AsArray(), v => (string)v!["name"]! == "Thôn Đạ Nhar");

        var renamed = await official.Put($"/api/v1/villages/{village["id"]}", new { name = "Thôn Đạ Nhar Mới" }, created.ETag());
        Assert.Equal("Thôn Đạ Nhar Mới", (string)(await renamed.Expect(HttpStatusCode.OK))["name"]!);

        await (await official.Put($"/api/v1/villages/{village["id"]}", new { name = "Lại" }, created.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);
        await (await official.Put($"/api/v1/villages/{village["id"]}", new { name = "Lại" })).ExpectProblem((HttpStatusCode)428);
    }

    [Fact]
    public async Task AVillageName_IsUniqueInItsCommune_IgnoringCaseAndDiacritics()
    {
        await (await official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "Bản Phúc Lộc" })).Expect(HttpStatusCode.Created);
        await (await official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "ban phuc loc" })).ExpectProblem(HttpStatusCode.Conflict);
        await (await api.Official(Arrange.UrbanCommune).Post($"/api/v1/communes/{Arrange.UrbanCommune}/villages", new { name = "Bản Phúc Lộc" })).Expect(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("Xóm \u0421hợ Cũ")]        // Cyrillic Es
    [InlineData("\u03A7óm Chợ Cũ")]        // Greek Chi
    [InlineData("Xóm\u00A0Chợ Cũ")]        // no-break space
    [InlineData("Xóm \u2009Chợ  Cũ")]      // thin space, then two spaces
    [InlineData("XÓM CHỢ CŨ")]
    public async Task ALookAlikeVillageName_IsTheSameName_409(string lookAlike)
    {
        var commune = Arrange.RuralCommune;
        if (await api.Scalar<long>("SELECT count(*) FROM villages WHERE commune_code = @c AND name = 'Xóm Chợ Cũ'", ("c", commune)) == 0)
            await (await official.Post($"/api/v1/communes/{commune}/villages", new { name = "Xóm Chợ Cũ" })).Expect(HttpStatusCode.Created);

        var taken = await (await official.Post($"/api/v1/communes/{commune}/villages", new { name = lookAlike })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("village-name-taken", (string)taken["code"]!);
    }

    [Fact]
    public async Task AVillageNameWithAZeroWidthCharacter_IsTheSameName_EvenWrittenStraightIntoTheTable()
    {
        await (await official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "Thôn Suối Vàng" })).Expect(HttpStatusCode.Created);

        var refused = await api.SqlFails($"INSERT INTO villages (id, province_code, commune_code, name) " +
            $"VALUES (gen_random_uuid(), '68', '{Arrange.RuralCommune}', 'Thôn Su\u200Bối\uFEFF Vàng')");
        Assert.Equal("villages_commune_name", refused.ConstraintName);
    }

    [Fact]
    public async Task LookAlikeVillagesCreatedAtOnce_OneWins_TheOthersAre409()
    {
        string[] names = ["Bản Nà Tấu", "Bản Nà \u0422ấu", "Bản\u00A0Nà Tấu", "BẢN NÀ TẤU", "Bản Nà  Tấu", "Bản \u039Dà Tấu"];
        var responses = await Task.WhenAll(names.Select(name => official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task OnlyOfficialsOfTheCommune_CreateOrRenameItsVillages()
    {
        await (await api.Official(Arrange.UrbanCommune).Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "Thôn Lạ" })).ExpectProblem(HttpStatusCode.NotFound);
        await (await api.Official(Arrange.UrbanCommune).Put($"/api/v1/villages/{api.RuralVillage}", new { name = "Thôn Lạ" }, "\"1\"")).ExpectProblem(HttpStatusCode.NotFound);
        await (await api.Admin().Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name = "Thôn Lạ" })).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankVillageName_Is400(string name) =>
        Assert.Contains("name", await (await official.Post($"/api/v1/communes/{Arrange.RuralCommune}/villages", new { name })).ExpectValidationErrors());
}
