using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>An API with small rate limits; a test header stands in for the caller's IP address.</summary>
public sealed class RateLimitedApi : ApiFactory
{
    public const int PerSubject = 5;
    public const int PerIp = 3;
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:PermitsPerMinute", PerSubject.ToString());
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", PerIp.ToString());
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteIpFromHeader>());
    }

    sealed class RemoteIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var ip))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public HttpClient As(string subject)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Services.GetRequiredService<TokenIssuer>().Issue(subject, Roles.CommuneOfficial, [UrbanCommune]));
        return client;
    }

    public HttpClient From(string ip)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(RemoteIpHeader, ip);
        return client;
    }
}

public sealed class RateLimitTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    static async Task ExpectTooManyRequests(HttpResponseMessage response)
    {
        await response.ExpectProblem(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task ASubjectOverItsLimit_Gets429WithRetryAfter_WhileAnotherSubjectIsServed()
    {
        var busy = api.As("busy-official");
        for (var i = 0; i < RateLimitedApi.PerSubject; i++)
            await (await busy.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);

        await ExpectTooManyRequests(await busy.GetAsync("/api/v1/provinces"));
        await ExpectTooManyRequests(await busy.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Thôn Quá Tải" }));
        await (await api.As("quiet-official").GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnonymousCallers_AreLimitedPerIpAddress_AndHealthProbesAreNot()
    {
        var noisy = api.From("203.0.113.7");
        for (var i = 0; i < RateLimitedApi.PerIp; i++)
            await (await noisy.GetAsync("/api/v1/provinces")).ExpectProblem(HttpStatusCode.Unauthorized);

        await ExpectTooManyRequests(await noisy.GetAsync("/api/v1/provinces"));
        await ExpectTooManyRequests(await noisy.GetAsync("/openapi/v1.json"));
        await (await api.From("203.0.113.8").GetAsync("/api/v1/provinces")).ExpectProblem(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 2 * RateLimitedApi.PerIp; i++)
            Assert.Equal(HttpStatusCode.OK, (await noisy.GetAsync("/health/live")).StatusCode);
    }
}

/// <summary>String length limit and security headers, with the default configuration.</summary>
public sealed class HostileInputLimitTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task AStringOverTheLimit_Is400NamingTheField_AndStoresNothing()
    {
        var response = await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", Json(JsonSerializer.Serialize(new { name = new string('x', 10_001) })));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Text is limited to 10000 characters.", (string)problem["errors"]!["name"]![0]!);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM villages WHERE length(name) > 1000"));
    }

    [Fact]
    public async Task AStringAtTheLimit_PassesTheLimit_AndMeetsTheFieldsOwnRule()
    {
        var response = await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", Json(JsonSerializer.Serialize(new { name = new string('x', 10_000) })));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Text is limited", (string)problem["errors"]!["name"]![0]!);
    }

    [Theory]
    [InlineData("members[1].fullName")]
    [InlineData("members[0].ethnicity")]
    [InlineData("address")]
    public async Task AnOverlongStringDeepInTheBody_IsNamedByItsPath(string field)
    {
        var members = new[]
        {
            new Dictionary<string, object?> { ["fullName"] = "Lý Văn Tư", ["dateOfBirth"] = "1970-01-01", ["sex"] = "male", ["relationship"] = "head", ["ethnicity"] = "Tày" },
            new Dictionary<string, object?> { ["fullName"] = "Lý Thị Năm", ["dateOfBirth"] = "1972-01-01", ["sex"] = "female", ["relationship"] = "spouse" },
        };
        var address = "Số 4";
        var overlong = new string('ư', 10_001);
        if (field == "address")
            address = overlong;
        else
            members[field[8] - '0'][field.Split('.')[1]] = overlong;

        var response = await official.Post("/api/v1/households", new { communeCode = UrbanCommune, villageId = api.UrbanVillage, address, members });

        Assert.Equal([field], await response.ExpectValidationErrors());
    }

    [Fact]
    public async Task AnOverlongPropertyName_Is400()
    {
        var json = $$"""{ "kind": "regular", "surveyDate": "2026-06-01", "incomePerPersonMonthly": 1, "indicators": { "{{new string('a', 20_000)}}": true } }""";
        var response = await official.PostAsync($"/api/v1/households/{Guid.NewGuid()}/reviews", Json(json));
        var field = Assert.Single(await response.ExpectValidationErrors());
        Assert.StartsWith("indicators.aaaa", field);
        Assert.True(field.Length < 100);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsStillReportedByBinding()
    {
        var response = await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", Json("{ \"name\": "));
        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Text is limited", problem.ToJsonString());
    }

    static void AssertApiHeaders(HttpResponseMessage response)
    {
        var what = $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", what);
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", what);
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("default-src 'none'") && csp.Single().Contains("frame-ancestors 'none'"), what);
        Assert.True(response.Headers.CacheControl?.NoStore == true, what);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), what);
    }

    [Fact]
    public async Task EveryApiResponse_CarriesTheSecurityHeaders_ErrorsIncluded()
    {
        var anonymous = api.CreateClient();
        AssertApiHeaders(await official.GetAsync("/api/v1/provinces"));                                     // 200
        AssertApiHeaders(await official.GetAsync($"/api/v1/households/{Guid.NewGuid()}"));                 // 404
        AssertApiHeaders(await anonymous.GetAsync("/api/v1/provinces"));                                    // 401
        AssertApiHeaders(await official.Post($"/api/v1/communes/{UrbanCommune}/villages", "{"));            // 400
        AssertApiHeaders(await api.Admin().GetAsync($"/api/v1/households/{Guid.NewGuid()}"));              // 403
        AssertApiHeaders(await anonymous.GetAsync("/health/ready"));
        AssertApiHeaders(await anonymous.GetAsync("/openapi/v1.json"));
        var huge = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        AssertApiHeaders(await official.PostAsync($"/api/v1/communes/{UrbanCommune}/villages", huge));     // 413
    }

    [Fact]
    public async Task SwaggerUi_GetsAPolicyThatLetsItsOwnScriptsRun_AndLoads()
    {
        var anonymous = api.CreateClient();
        var page = await anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));

        // Every script the page runs is a file of its own (no inline script the policy would block), and each loads.
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script([^>]*)>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var src = System.Text.RegularExpressions.Regex.Match(script, "src=\"([^\"]+)\"");
            Assert.True(src.Success, $"inline script: {script}");
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/" + src.Groups[1].Value.TrimStart('.', '/'))).StatusCode);
        }
        var index = await (await anonymous.GetAsync("/swagger/index.js")).Content.ReadAsStringAsync();
        Assert.Contains("/openapi/v1.json", index);
    }

    [Fact]
    public async Task StrictTransportSecurity_IsSentOnlyOverHttps()
    {
        var https = api.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var response = await https.GetAsync("/health/live");
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));

        Assert.False((await api.CreateClient().GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security"));
    }
}
