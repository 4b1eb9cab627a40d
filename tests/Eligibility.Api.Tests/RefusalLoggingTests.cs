using System.Collections.Concurrent;
using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Every log entry the API writes, with its level and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}

/// <summary>The registry API, with every log entry captured.</summary>
public sealed class LogCapturingApi : ApiFactory, IAsyncLifetime
{
    public CapturingLoggerProvider Logs { get; } = new();
    public Guid UrbanVillage { get; private set; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Units(this);
        UrbanVillage = await Village(this, UrbanCommune, "Tổ dân phố 1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

/// <summary>
/// Expected refusals (409, 412, 422) are logged at Information at most and without a stack trace; only a fault is
/// logged at Error, with its exception.
/// </summary>
public sealed class RefusalLoggingTests(LogCapturingApi api) : IClassFixture<LogCapturingApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    /// <summary>What the API logged while the action ran: entries the filters of its configuration let through.</summary>
    async Task<List<CapturingLoggerProvider.Entry>> LoggedDuring(Func<Task> action)
    {
        await official.GetAsync("/health/live");
        api.Logs.Entries.Clear();
        await action();
        // Entries of the last request may be written just after its response.
        await Task.Delay(100);
        return [.. api.Logs.Entries];
    }

    static void QuietRefusals(List<CapturingLoggerProvider.Entry> entries)
    {
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
    }

    [Fact]
    public async Task A409FromAConstraint_LogsNothingAtWarningOrAbove_AndNoException()
    {
        var entries = await LoggedDuring(async () =>
        {
            await (await official.Post($"/api/v1/communes/{UrbanCommune}/associations", new { kind = "womens-union" })).Expect(HttpStatusCode.Created);
            await (await official.Post($"/api/v1/communes/{UrbanCommune}/associations", new { kind = "womens-union" })).ExpectProblem(HttpStatusCode.Conflict);

            // The same, raced: ten joins of one household, nine of them refused by the constraint itself.
            var association = await api.Scalar<Guid>("SELECT id FROM associations WHERE commune_code = @c", ("c", UrbanCommune));
            var officer = api.AssociationOfficer(association);
            var group = (Guid)(await (await officer.Post($"/api/v1/associations/{association}/groups",
                new { name = "Tổ nhật ký", villageIds = new[] { api.UrbanVillage }, leaderName = "Trần Thị Lan" })).Expect(HttpStatusCode.Created))["id"]!;
            var household = (Guid)(await (await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
                Member("Đinh Văn Ghi", "1970-01-01", "male", "head")))).Expect(HttpStatusCode.Created))["id"]!;
            var joins = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
                officer.Post($"/api/v1/groups/{group}/members", new { householdId = household, joinedOn = "2026-02-01" })));
            Assert.Equal(9, joins.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        });
        QuietRefusals(entries);
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.Contains("409 already-member", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A412FromARowVersion_And422s_LogNothingAtWarningOrAbove_AndNoException()
    {
        var created = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, Member("Đinh Thị Sửa", "1972-02-02", "female", "head")));
        var body = await created.Expect(HttpStatusCode.Created);
        var (id, etag, head) = ((Guid)body["id"]!, created.ETag(), (string)body["headMemberId"]!);

        var entries = await LoggedDuring(async () =>
        {
            // Ten edits with one If-Match: the losers of the race fail on the row version at the UPDATE.
            var edits = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => official.Put($"/api/v1/households/{id}",
                new { villageId = api.UrbanVillage, address = $"Số {i}", headMemberId = head }, etag)));
            Assert.Equal(9, edits.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));

            var key = Keyed.NewKey();
            await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố Nhật Ký" }, key)).Expect(HttpStatusCode.Created);
            await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố Khác" }, key))
                .ExpectProblem(HttpStatusCode.UnprocessableEntity);
        });
        QuietRefusals(entries);
    }

    [Fact]
    public async Task AFault_IsLoggedAtError_WithItsException()
    {
        await api.Execute("""
            CREATE FUNCTION logging_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
            CREATE TRIGGER logging_fault BEFORE INSERT ON villages FOR EACH ROW WHEN (NEW.name = 'Tổ Lỗi') EXECUTE FUNCTION logging_fault();
            """);
        try
        {
            var entries = await LoggedDuring(async () =>
                await (await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ Lỗi" })).ExpectProblem(HttpStatusCode.InternalServerError));
            var error = Assert.Single(entries, e => e.Level >= LogLevel.Error);
            Assert.NotNull(error.Exception);
        }
        finally
        {
            await api.Execute("DROP TRIGGER logging_fault ON villages; DROP FUNCTION logging_fault();");
        }
    }
}
