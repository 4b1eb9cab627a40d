using System.Net;
using System.Net.Http.Headers;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Eligibility.Api.Tests.EligibilityArrange;

namespace Eligibility.Api.Tests;

/// <summary>An API whose lookup quota is five ID numbers a day.</summary>
public sealed class LookupQuotaApi : ApiFactory
{
    public const int Quota = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Lookup:DailyIdQuota", Quota.ToString());
    }
}

/// <summary>POST /api/v1/eligibility/lookup counts the distinct numbers each token subject looks up per day (Vietnam's).</summary>
public sealed class LookupQuotaTests(LookupQuotaApi api) : IClassFixture<LookupQuotaApi>
{
    const string Url = "/api/v1/eligibility/lookup";

    static HttpClient Integrator(WebApplicationFactory<Program> instance, string subject)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            instance.Services.GetRequiredService<TokenIssuer>().Issue(subject, Roles.Integrator, []));
        return client;
    }

    static string[] Numbers(int count) => Enumerable.Range(0, count).Select(_ => NewPersonalId("male", 1980)).ToArray();

    static Task<HttpResponseMessage> Lookup(HttpClient client, params string[] ids) => client.Post(Url, new { personalIds = ids });

    Task<int> Used(string subject) => api.Scalar<int>("SELECT COALESCE(sum(used), 0)::int FROM lookup_quota WHERE subject = @s", ("s", subject));

    static DateOnly VietnamToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>429 with the quota's code and a Retry-After of the seconds until midnight in Vietnam.</summary>
    static async Task ExpectQuotaExceeded(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("lookup-quota-exceeded", (string)problem["code"]!);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        var midnight = new DateTimeOffset(VietnamToday().AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var expected = (midnight - DateTimeOffset.UtcNow).TotalSeconds;
        Assert.InRange(retryAfter, Math.Max(1, expected - 30), expected + 30);
    }

    [Fact]
    public async Task ARequestThatWouldPassTheQuota_IsRefusedWhole_AndCountsNothing()
    {
        var client = Integrator(api, "bank-whole");
        await (await Lookup(client, Numbers(3))).Expect(HttpStatusCode.OK);
        await ExpectQuotaExceeded(await Lookup(client, Numbers(3)));
        Assert.Equal(3, await Used("bank-whole"));

        // What is left can still be spent, exactly up to the quota.
        await (await Lookup(client, Numbers(2))).Expect(HttpStatusCode.OK);
        Assert.Equal(LookupQuotaApi.Quota, await Used("bank-whole"));
        await ExpectQuotaExceeded(await Lookup(client, Numbers(1)));
    }

    [Fact]
    public async Task ARequestLargerThanTheQuota_IsRefusedOnItsFirstCall()
    {
        await ExpectQuotaExceeded(await Lookup(Integrator(api, "bank-large"), Numbers(LookupQuotaApi.Quota + 1)));
        Assert.Equal(0, await Used("bank-large"));
    }

    [Fact]
    public async Task ANumberAskedTwiceInOneRequest_CountsOnce()
    {
        var ids = Numbers(2);
        await (await Lookup(Integrator(api, "bank-twice"), [ids[0], ids[0], ids[1]])).Expect(HttpStatusCode.OK);
        Assert.Equal(2, await Used("bank-twice"));
    }

    [Fact]
    public async Task TheCount_IsPerSubject_AndSharedByEveryInstance()
    {
        await (await Lookup(Integrator(api, "bank-shared"), Numbers(LookupQuotaApi.Quota))).Expect(HttpStatusCode.OK);

        // Another instance of the API over the same database sees the same count.
        using var other = api.WithWebHostBuilder(_ => { });
        await ExpectQuotaExceeded(await Lookup(Integrator(other, "bank-shared"), Numbers(1)));
        await (await Lookup(Integrator(other, "bank-other"), Numbers(LookupQuotaApi.Quota))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheOpenApiDocument_Declares429WithRetryAfter()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var refused = document["paths"]![Url]!["post"]!["responses"]!["429"];
        Assert.NotNull(refused?["headers"]?["Retry-After"]);
        Assert.Equal("lookup-quota-exceeded", (string?)refused!["content"]!["application/problem+json"]!["example"]!["code"]);
    }

    [Fact]
    public async Task DaysBeforeYesterday_AreDeleted()
    {
        var today = VietnamToday();
        await api.Execute($"INSERT INTO lookup_quota (subject, day, used) VALUES ('bank-old', '{today.AddDays(-2):yyyy-MM-dd}', 5), " +
            $"('bank-old', '{today.AddDays(-1):yyyy-MM-dd}', 5)");

        await (await Lookup(Integrator(api, "bank-new"), Numbers(1))).Expect(HttpStatusCode.OK);

        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM lookup_quota WHERE subject = 'bank-old'"));
        Assert.Equal(today.AddDays(-1), await api.Scalar<DateOnly>("SELECT day FROM lookup_quota WHERE subject = 'bank-old'"));
        // Yesterday's count does not weigh on today.
        await (await Lookup(Integrator(api, "bank-old"), Numbers(LookupQuotaApi.Quota))).Expect(HttpStatusCode.OK);
    }
}
