using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Survey files are untrusted input: every hostile workbook is a 400 file-refused saying why, the upload is received
/// whole before the import locks anything, slow and concurrent uploads are bounded, and the temporary files are private.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // File modes are checked as Linux has them.
public sealed class SurveyImportHostileFilesTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    static readonly Lazy<Dictionary<string, (byte[] Body, string Refusal)>> Hostile = new(() =>
        HostileXlsx.Cases(SurveyImportTests.Header.Split(',')).ToDictionary(c => c.Label, c => (c.Body, c.Refusal)));

    public static TheoryData<string> HostileCases() => [.. HostileXlsx.Cases(SurveyImportTests.Header.Split(',')).Select(c => c.Label)];

    static ByteArrayContent Content(byte[] body, string type) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue(type) } };

    static Task<HttpResponseMessage> Import(HttpClient client, Guid round, HttpContent content) =>
        client.PostAsync($"/api/v1/review-rounds/{round}/survey-imports", content);

    /// <summary>Reviews of these households, or all of them (rounds of the same month are one round: tests share it).</summary>
    Task<long> Reviews(params Guid[] households) => households.Length == 0
        ? api.Scalar<long>("SELECT count(*) FROM poverty_reviews")
        : api.Scalar<long>("SELECT count(*) FROM poverty_reviews WHERE household_id = ANY(@h)", ("h", households));

    async Task<Guid[]> Listed(string commune, Guid round, int count)
    {
        var ids = new Guid[count];
        for (int i = 0; i < count; i++)
        {
            (ids[i], _) = await a.Household(commune, api.UrbanVillage, $"Lê Thị Tệp {i}");
            await a.Request(commune, round, ids[i], "2026-05-01");
        }
        return ids;
    }

    static async Task<string> Refused(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("file-refused", (string)problem["code"]!);
        return (string)problem["errors"]![0]!["message"]!;
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task AHostileWorkbook_Is400FileRefused_SayingWhy_AndStoresNothing(string label)
    {
        var (body, refusal) = Hostile.Value[label];
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var before = await Reviews();

        var message = await Refused(await Import(api.Official(UrbanCommune), round, Content(body, HostileXlsx.ContentType)));

        Assert.Contains(refusal, message);
        Assert.Contains(" / ", message); // Vietnamese first, then English.
        Assert.Equal(before, await Reviews());
    }

    /// <summary>Shared strings of the workbooks the size limits are tried on: Vietnamese, so their length is counted in UTF-8 bytes.</summary>
    static readonly string[] SharedTexts = ["không", "có", "Lê Thị Tệp"];

    /// <summary>Each size limit (SurveyImport:Limits:*) with what it measures of a workbook and the words of its refusal.</summary>
    static readonly Dictionary<string, (Func<ZipArchive, long> Measure, Func<long, string> Refusal)> SizeLimits = new()
    {
        ["MaxEntries"] = (zip => zip.Entries.Count, n => $"too many entries (at most {n:N0})"),
        ["MaxSheetBytes"] = (zip => zip.GetEntry("xl/worksheets/sheet1.xml")!.Length, n => $"'xl/worksheets/sheet1.xml' of the file inflates to more than {n:N0} bytes"),
        ["MaxSharedStringsPartBytes"] = (zip => zip.GetEntry("xl/sharedStrings.xml")!.Length, n => $"'xl/sharedStrings.xml' of the file inflates to more than {n:N0} bytes"),
        // Every part the reader inflates: all but the content types.
        ["MaxPackageBytes"] = (zip => zip.Entries.Where(e => e.FullName != "[Content_Types].xml").Sum(e => e.Length), n => $"The file inflates to more than {n:N0} bytes"),
        ["MaxSharedStrings"] = (_ => SharedTexts.Length, n => $"more than {n:N0} strings"),
        ["MaxSharedStringBytes"] = (_ => SharedTexts.Sum(Encoding.UTF8.GetByteCount), n => $"longer than {n:N0} bytes in all"),
    };

    public static TheoryData<string> SizeLimitNames() => [.. SizeLimits.Keys];

    WebApplicationFactory<Program> Limited(string limit, long value) =>
        api.WithWebHostBuilder(b => b.UseSetting($"SurveyImport:Limits:{limit}", value.ToString(CultureInfo.InvariantCulture)));

    [Theory]
    [MemberData(nameof(SizeLimitNames))]
    public async Task AWorkbookExactlyAtASizeLimit_IsImported_AndWithTheLimitOneLower_Is400FileRefused(string limit)
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var id = (await Listed(UrbanCommune, round, 1))[0];
        var shared = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + string.Concat(SharedTexts.Select(t => $"<si><t>{t}</t></si>")) + "</sst>";
        var body = HostileXlsx.Workbook(HostileXlsx.Sheet(HostileXlsx.InlineRow(1, SurveyImportTests.Header.Split(','))
            + HostileXlsx.InlineRow(2, SurveyImportTests.Row(id).Split(','))), shared);
        var (measure, refusal) = SizeLimits[limit];
        long size;
        using (var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read))
            size = measure(zip);

        await using (var under = Limited(limit, size - 1))
        {
            var message = await Refused(await Import(Official(under), round, Content(body, HostileXlsx.ContentType)));
            Assert.Contains(refusal(size - 1), message);
            Assert.Contains(" / ", message); // Vietnamese first, then English.
        }
        Assert.Equal(0L, await Reviews(id));

        await using var at = Limited(limit, size);
        var report = await (await Import(Official(at), round, Content(body, HostileXlsx.ContentType))).Expect(HttpStatusCode.Created);
        Assert.Equal(1, (int)report["created"]!);
    }

    [Theory]
    [InlineData("MaxEntries", 0)]
    [InlineData("MaxEntries", 65_536)]
    [InlineData("MaxSheetBytes", 0)]
    [InlineData("MaxSharedStringsPartBytes", -1)]
    [InlineData("MaxPackageBytes", 0)]
    [InlineData("MaxSharedStrings", 0)]
    [InlineData("MaxSharedStringBytes", 0)]
    public async Task ASizeLimitOutOfRange_StopsStartUp_NamingTheSetting(string limit, long value)
    {
        await using var broken = Limited(limit, value);

        var failure = Record.Exception(() => broken.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains(limit, failure.ToString());
        Assert.Contains("SurveyImport:Limits:", failure.ToString());
    }

    [Fact]
    public async Task AHandWrittenWorkbook_ReadsSharedRichAndInlineStringsBooleansFormulasAndDateSerials()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var id = (await Listed(UrbanCommune, round, 1))[0].ToString();
        var serial = new DateTime(2026, 10, 5).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The household id in two rich-text runs with a phonetic guide (not part of the text); cells placed by reference, with gaps.
        var shared = $"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>{id[..8]}</t></r><r><rPr><b/></rPr><t>{id[8..]}</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t xml:space="preserve">no</t></si><si><t>không</t></si></sst>""";
        var row = $"""<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>{serial}</v></c><c r="C2" t="str"><f>500000*2</f><v>1000000</v></c><c r="E2"><v>40</v></c><c r="F2" t="b"><v>1</v></c><c r="H2" t="inlineStr"><is><r><t>c</t></r><r><t>ó</t></r></is></c><c r="I2" t="b"><v>0</v></c><c r="J2"><v>0</v></c><c r="K2" t="s"><v>1</v></c><c r="L2"><v>0</v></c><c r="N2"><v>0</v></c><c r="O2" t="inlineStr"><is><t>yes</t></is></c><c r="P2"><v>0</v></c><c r="Q2" t="s"><v>2</v></c></row>""";
        var workbook = HostileXlsx.Workbook(HostileXlsx.Sheet(HostileXlsx.InlineRow(1, SurveyImportTests.Header.Split(',')) + row), shared);

        var report = await (await Import(api.Official(UrbanCommune), round, Content(workbook, HostileXlsx.ContentType))).Expect(HttpStatusCode.Created);

        Assert.Equal(1, (int)report["created"]!);
        var review = await a.Get(UrbanCommune, $"/api/v1/reviews/{await api.Scalar<Guid>("SELECT id FROM poverty_reviews WHERE household_id = @h", ("h", Guid.Parse(id)))}");
        Assert.Equal(("2026-10-05", 1_000_000m, 40m), ((string)review["surveyDate"]!, (decimal)review["incomePerPersonMonthly"]!, (decimal)review["floorArea"]!));
        Assert.Equal(3, (int)review["deprivationCount"]!); // employment (true), nutrition (có), sanitation (yes)
    }

    [Fact]
    public async Task AHeaderOfAMegabyte_IsEchoedCutShort()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        // 400 unknown columns of 2,500 characters each: a megabyte of names, every one of them wrong.
        var unknown = Enumerable.Range(0, 400).Select(i => $"{i:000}" + new string('x', 2_497)).ToList();
        var csv = SurveyImportTests.Header + "," + string.Join(',', unknown) + "\r\n";

        var response = await Import(api.Official(UrbanCommune), round, Content(Encoding.UTF8.GetBytes(csv), "text/csv"));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var columns = problem["errors"]!.AsArray().Select(e => (string)e!["column"]!).ToList();
        Assert.Equal(unknown.Select(u => u[..100] + "…"), columns);
        Assert.All(problem["errors"]!.AsArray(), e => Assert.Contains((string)e!["column"]!, (string)e["message"]!));
        Assert.True(problem.ToJsonString().Length < csv.Length / 4, $"the answer has {problem.ToJsonString().Length} characters");
    }

    [Theory]
    [InlineData("a line of 2 MiB", false)]
    [InlineData("a quote never closed", true)]
    public async Task AnOverlongCsvRecordOrField_Is400FileRefused(string _, bool quote)
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var csv = SurveyImportTests.Header + "\r\n" + (quote ? "\"" + new StringBuilder().Insert(0, "a,\r\n", 512 * 1024) : new string(',', 2 * 1024 * 1024)) + "\r\n";

        // A quoted field is cut off by the cell limit (32,767 characters) first, a line of empty fields by the record limit.
        Assert.Contains(quote ? "cell longer than 32767 characters" : "longer than 1 MiB",
            await Refused(await Import(api.Official(UrbanCommune), round, Content(Encoding.UTF8.GetBytes(csv), "text/csv"))));
    }

    /// <summary>A body that sends its first bytes, then waits until released, as a client on a slow line would.</summary>
    sealed class StalledContent(string first, string rest) : HttpContent
    {
        readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(first));
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(rest));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    static StalledContent Stalled(Guid household) =>
        new(SurveyImportTests.Header + "\r\n", SurveyImportTests.Row(household) + "\r\n") { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

    static ByteArrayContent Csv(Guid household) => Content(Encoding.UTF8.GetBytes(SurveyImportTests.Csv(SurveyImportTests.Row(household))), "text/csv");

    /// <summary>Waits (bounded, so a broken build fails instead of hanging) until the stalled upload's file is in the directory.</summary>
    static async Task<string> SpooledFile(string directory)
    {
        for (int i = 0; i < 600; i++)
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory) is [var file])
                return file;
            await Task.Delay(50);
        }
        throw new TimeoutException("The upload was never spooled.");
    }

    [Fact]
    public async Task ASlowUpload_HoldsNoTransactionNorTheRoundsLock_AndItsFileIsPrivateAndDeleted()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var ids = await Listed(UrbanCommune, round, 2);
        var slow = Stalled(ids[0]);
        var slowImport = Import(Official(api), round, slow);

        // While its body is still arriving: the file is private, no transaction is open, and another import of the round goes through.
        var spooled = await SpooledFile(api.TempDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spooled));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(api.TempDirectory));
        Assert.Equal(0L, await api.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"));
        var other = await Import(api.Official(UrbanCommune), round, Csv(ids[1])).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, (int)(await other.Expect(HttpStatusCode.Created))["created"]!);

        slow.Release();
        Assert.Equal(1, (int)(await (await slowImport).Expect(HttpStatusCode.Created))["created"]!);
        Assert.Equal(2L, await Reviews(ids));
        Assert.Empty(Directory.GetFiles(api.TempDirectory));
    }

    [Fact]
    public async Task AnUploadOverTheTimeLimit_Is408_AndLeavesNoFile()
    {
        await using var strict = api.WithWebHostBuilder(b => b.UseSetting("SurveyImport:UploadTimeoutSeconds", "1"));
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var ids = await Listed(UrbanCommune, round, 1);
        var slow = Stalled(ids[0]);

        var response = await Import(Official(strict), round, slow).WaitAsync(TimeSpan.FromSeconds(60));
        slow.Release();

        var problem = await response.ExpectProblem(HttpStatusCode.RequestTimeout);
        Assert.Equal("upload-timeout", (string)problem["code"]!);
        Assert.Equal(0L, await Reviews(ids));
        Assert.Empty(Directory.GetFiles(api.TempDirectory));
    }

    [Fact]
    public async Task ImportsBeyondTheConcurrentLimit_Are429WithRetryAfter()
    {
        await using var single = api.WithWebHostBuilder(b => b.UseSetting("SurveyImport:MaxConcurrent", "1"));
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var ids = await Listed(UrbanCommune, round, 2);
        var slow = Stalled(ids[0]);
        var slowImport = Import(Official(single), round, slow);
        await SpooledFile(api.TempDirectory);

        var busy = await Import(Official(single), round, Csv(ids[1]));

        var problem = await busy.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("imports-busy", (string)problem["code"]!);
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        slow.Release();
        await (await slowImport).Expect(HttpStatusCode.Created);
        await (await Import(Official(single), round, Csv(ids[1]))).Expect(HttpStatusCode.Created);
    }

    /// <summary>A client that sends a body as it comes (the default one buffers it whole, to replay it on a redirect).</summary>
    HttpClient Official(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(Roles.CommuneOfficial, UrbanCommune));
        return client;
    }

    [Fact]
    public async Task AnXlsxExport_LeavesNoFileBehind()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/review-rounds/{round}/posting");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(HostileXlsx.ContentType));

        var response = await api.Official(UrbanCommune).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(ExportReader.Xlsx(await response.Content.ReadAsByteArrayAsync()));
        Assert.True(Directory.Exists(api.TempDirectory));
        Assert.Empty(Directory.GetFiles(api.TempDirectory));
    }

    [Fact]
    public async Task LeftoverFiles_AreSweptAtStartUp_AndRecentOnesKept()
    {
        var fresh = new ApiFactory();
        await fresh.InitializeAsync();
        try
        {
            Directory.CreateDirectory(fresh.TempDirectory);
            var leftover = Path.Combine(fresh.TempDirectory, "survey-import-leftover.tmp");
            var recent = Path.Combine(fresh.TempDirectory, "export-recent.tmp");
            await File.WriteAllTextAsync(leftover, "household_id\n");
            await File.WriteAllTextAsync(recent, "household_id\n");
            File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));
            File.SetUnixFileMode(fresh.TempDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

            (await fresh.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();

            Assert.False(File.Exists(leftover));
            Assert.True(File.Exists(recent));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fresh.TempDirectory));
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)fresh).DisposeAsync();
        }
    }
}
