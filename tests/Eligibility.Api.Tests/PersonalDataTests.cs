using System.Collections.Concurrent;
using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>An API whose every log line, at every level, is kept for inspection.</summary>
public sealed class LoggedApi : ApiFactory, IAsyncLifetime
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public Guid Village { get; private set; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Arrange.Units(this);
        Village = await Arrange.Village(this, UrbanCommune, "Tổ dân phố 1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CollectingProvider(Lines));
        }));
    }

    sealed class CollectingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Collector(category, lines);
        public void Dispose() { }
    }

    sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

public sealed class PersonalDataTests(LoggedApi api) : IClassFixture<LoggedApi>
{
    [Fact]
    public async Task IdNumbersAndDatesOfBirth_NeverReachTheLogs_EvenAtTraceLevel()
    {
        var personalId = PersonalId("female", 1977, 424242);
        var official = api.Official(UrbanCommune);
        await (await official.Post("/api/v1/households", Household(UrbanCommune, api.Village,
            Member("Đỗ Thị Riêng Tư", "1977-07-17", "female", "head", personalId)))).Expect(HttpStatusCode.Created);
        await (await official.Post("/api/v1/households/search", new { personalId })).Expect(HttpStatusCode.OK);
        await (await api.ClientFor(Roles.Integrator).Post("/api/v1/eligibility/lookup", new { personalIds = new[] { personalId } })).Expect(HttpStatusCode.OK);
        // A conflict and a validation error mention the field, not the value.
        await (await official.Post("/api/v1/households", Household(UrbanCommune, api.Village,
            Member("Đỗ Thị Riêng Tư", "1977-07-17", "female", "head", personalId)))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.NotEmpty(api.Lines);
        Assert.DoesNotContain(api.Lines, line => line.Contains(personalId));
        Assert.DoesNotContain(api.Lines, line => line.Contains("1977-07-17") || line.Contains("17/07/1977"));
    }

    [Fact]
    public void NoRoute_CarriesPersonalData()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern).Where(r => r.RawText!.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(routes);
        var personal = new[] { "personalid", "idnumber", "dateofbirth", "birth", "name" };
        foreach (var route in routes)
        {
            foreach (var parameter in route.Parameters)
                Assert.False(personal.Any(p => parameter.Name.Contains(p, StringComparison.OrdinalIgnoreCase)),
                    $"{route.RawText} carries {{{parameter.Name}}} in its URL.");
        }
    }
}
