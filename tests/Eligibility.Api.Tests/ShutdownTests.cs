using System.Diagnostics;
using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Eligibility.Api.Tests;

/// <summary>
/// The API on real Kestrel (the in-memory test server does not drain requests on shutdown), with a slow test-only
/// route that answers after a delay, to see what stopping the host does to a request in flight.
/// </summary>
public sealed class SlowApi(double shutdownTimeoutSeconds, TimeSpan slowRequest) : ApiFactory
{
    public readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Shutdown:TimeoutSeconds", shutdownTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new SlowRoute(this)));
    }

    sealed class SlowRoute(SlowApi api) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/slow", slow => slow.Run(async context =>
            {
                api.Started.TrySetResult();
                // Deliberately not cancelled by shutdown: a request in flight runs to its end.
                await Task.Delay(api.SlowRequest, CancellationToken.None);
                await context.Response.WriteAsync("done", CancellationToken.None);
            }));
            next(app);
        };
    }

    TimeSpan SlowRequest => slowRequest;
}

public sealed class ShutdownTests
{
    static async Task<(SlowApi Api, HttpClient Client)> Start(double shutdownTimeoutSeconds, TimeSpan slowRequest)
    {
        var api = new SlowApi(shutdownTimeoutSeconds, slowRequest);
        await api.InitializeAsync();
        api.UseKestrel(0);
        api.StartServer();
        // A client of our own: the factory disposes the clients it made when it stops, which would cancel the request.
        return (api, new HttpClient { BaseAddress = api.CreateClient().BaseAddress });
    }

    [Fact]
    public async Task TheShutdownTimeout_ComesFromConfiguration()
    {
        var (api, _) = await Start(12, TimeSpan.Zero);
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(12), api.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    [Fact]
    public async Task StoppingTheHost_LetsARequestInFlightFinish()
    {
        var (api, client) = await Start(30, TimeSpan.FromSeconds(1.5));
        var inFlight = client.GetAsync("/test/slow");
        await api.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = Stopwatch.StartNew();
        await ((IAsyncLifetime)api).DisposeAsync();   // stops the host, as SIGTERM does
        stopping.Stop();

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        Assert.True(stopping.Elapsed > TimeSpan.FromSeconds(1), $"the host stopped in {stopping.Elapsed} without waiting for the request");
    }

    /// <summary>The same request, with a shutdown timeout shorter than it: cut off. The setting is what decides.</summary>
    [Fact]
    public async Task AShutdownTimeoutShorterThanTheRequest_CutsItOff()
    {
        var (api, client) = await Start(0.2, TimeSpan.FromSeconds(1.5));
        var inFlight = client.GetAsync("/test/slow");
        await api.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await ((IAsyncLifetime)api).DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
    }
}
