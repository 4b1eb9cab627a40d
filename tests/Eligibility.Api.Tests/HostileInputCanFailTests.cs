using Eligibility.Application.Units;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eligibility.Api.Tests;

/// <summary>
/// The API with three planted faults on the village endpoints, one per thing the campaign checks: the village
/// validator throws on a null name (a 500); a rejected village rename still appends to the village's name (a row
/// changed by a rejected request); and a request with a <c>q</c> query parameter gets a plain-text 400 (an error that
/// is not ProblemDetails).
/// </summary>
public sealed class SabotagedHostileInputApi : HostileInputApi
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IValidator<VillageRequest>, ThrowsOnNullName>();
            services.AddSingleton<IStartupFilter>(new Faults(() => ConnectionString));
        });
    }

    sealed class ThrowsOnNullName : AbstractValidator<VillageRequest>
    {
        public ThrowsOnNullName()
        {
            Include(new VillageRequestValidator());
            RuleFor(r => r.Name).Must(n => n is not null ? true : throw new InvalidOperationException("Planted fault: a null name."));
        }
    }

    sealed class Faults(Func<string> connectionString) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Query.ContainsKey("q"))
                {
                    context.Response.StatusCode = 400;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("no");
                    return;
                }
                await nextMiddleware(context);
                var segments = context.Request.Path.Value?.Split('/') ?? [];
                if (context.Request.Method == "PUT" && context.Response.StatusCode == 400
                    && segments is [_, "api", "v1", "villages", var id] && Guid.TryParse(id, out var village))
                {
                    await using var connection = new NpgsqlConnection(connectionString());
                    await connection.OpenAsync();
                    await using var update = new NpgsqlCommand("UPDATE villages SET name = name || '!' WHERE id = @id", connection);
                    update.Parameters.AddWithValue("id", village);
                    await update.ExecuteNonQueryAsync();
                }
            });
            next(app);
        };
    }
}

/// <summary>A test that cannot fail is worse than none: the campaign, on the village endpoints, catches each planted fault.</summary>
public sealed class HostileInputCanFailTests(SabotagedHostileInputApi api) : IClassFixture<SabotagedHostileInputApi>
{
    [Fact]
    public async Task TheCampaign_CatchesA5xx_ARowChangedByARejectedRequest_AndAnErrorThatIsNotProblemDetails()
    {
        var (operations, requests) = await Campaign.Generate(api, HostileInputCampaignTests.DefaultSeed, o => o.Path.Contains("/villages", StringComparison.Ordinal));
        Assert.Equal(3, operations.Count);

        var report = await new HostileInputRunner(api.Caller, api.ConnectionString, concurrency: 8).Run(requests);

        Assert.Contains(report.Outcomes, o => o.Status == 500 && o.Request.Endpoint.EndsWith("/villages", StringComparison.Ordinal) && o.Request.Method == "POST");
        Assert.Contains(report.Outcomes, o => o.Status == 500 && o.Request.Endpoint == "PUT /api/v1/villages/{id}");
        Assert.Contains(report.RowChanges, c => c.Tables.Contains("villages") && c.Wave.Any(o => o.Request.Method == "PUT" && o.Status == 400));
        Assert.Contains(report.Outcomes, o => o.Status == 400 && !HostileInputRunner.IsProblemDetails(o));
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Campaign.AssertClean(report, operations));
        Assert.Contains("answered 5xx", failure.Message);
        Assert.Contains("changed stored rows", failure.Message);
        Assert.Contains("not ProblemDetails", failure.Message);
    }
}
