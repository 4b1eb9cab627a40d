using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Tests;

public sealed class AccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    internal static string Sign(string issuer = ApiFactory.Issuer, string audience = ApiFactory.Audience, string? key = null,
        DateTime? expires = null, string role = "admin")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "someone", ["role"] = role },
            SigningCredentials = ApiFactory.Credentials(key),
        });
    }

    async Task<HttpResponseMessage> GetProvinces(string? token)
    {
        var client = api.CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/provinces");
    }

    [Fact]
    public async Task AValidToken_IsAccepted() => await (await GetProvinces(Sign())).Expect(HttpStatusCode.OK);

    public static TheoryData<string, string?> BadTokens => new()
    {
        { "none", null },
        { "garbage", "not.a.token" },
        { "wrong issuer", Sign(issuer: "someone-else") },
        { "wrong audience", Sign(audience: "another-api") },
        { "wrong key", Sign(key: ApiFactory.NewSigningKey()) },
        { "expired", Sign(expires: DateTime.UtcNow.AddMinutes(-5)) },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadOrMissingToken_Is401(string why, string? token)
    {
        var response = await GetProvinces(token);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        await response.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    /// <summary>A token signed with the API's key, with exactly these claims and times (none added by the library).</summary>
    static string Mint(object? subject, object? role = null, TimeSpan? issued = null, TimeSpan? notBefore = null, TimeSpan? expires = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["role"] = role ?? "admin" };
        if (subject is not null)
            claims["sub"] = subject;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiFactory.Issuer,
            Audience = ApiFactory.Audience,
            IssuedAt = issued is { } i ? now + i : null,
            NotBefore = notBefore is { } n ? now + n : null,
            Expires = now + (expires ?? TimeSpan.FromHours(1)),
            Claims = claims,
            SigningCredentials = ApiFactory.Credentials(),
        });
    }

    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static TheoryData<string, string> WellSignedButRefusedTokens => new()
    {
        { "no sub", Mint(subject: null) },
        { "empty sub", Mint("") },
        { "blank sub", Mint("  ") },
        { "two subs", Mint(new[] { "someone", "someone-else" }) },
        { "reserved sub system", Mint("system") },
        { "reserved sub System", Mint("System") },
        { "reserved sub cli:", Mint("cli:root") },
        { "two roles", Mint("someone", role: new[] { "integrator", "commune-official" }) },
        { "13 h from iat", Mint("someone", issued: -Minute, expires: TimeSpan.FromHours(13) - Minute) },
        { "13 h from nbf", Mint("someone", notBefore: -Minute, expires: TimeSpan.FromHours(13) - Minute) },
        { "13 h from now, no iat or nbf", Mint("someone", expires: TimeSpan.FromHours(13)) },
        { "iat in the future hiding 13 h", Mint("someone", issued: TimeSpan.FromHours(2), expires: TimeSpan.FromHours(13)) },
    };

    [Theory]
    [MemberData(nameof(WellSignedButRefusedTokens))]
    public async Task AWellSignedTokenBreakingTheTokenRules_Is401(string why, string token)
    {
        var response = await GetProvinces(token);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        await response.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenOfExactlyTheMaximumLifetime_IsAccepted()
    {
        await (await GetProvinces(Mint("someone", issued: -Minute, notBefore: -Minute, expires: TimeSpan.FromHours(12) - Minute))).Expect(HttpStatusCode.OK);
        await (await GetProvinces(Mint("someone", expires: TimeSpan.FromHours(12) - Minute))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheMaximumLifetime_IsASetting_AndTheApisOwnTokensKeepIt()
    {
        using var strict = api.WithWebHostBuilder(b => b.UseSetting("Auth:MaxTokenLifetime", "01:00:00"));
        var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint("someone", issued: -Minute, expires: TimeSpan.FromHours(2)));
        await (await client.GetAsync("/api/v1/provinces")).ExpectProblem(HttpStatusCode.Unauthorized);

        // The issuer's default lifetime is 8 hours; under a 1-hour limit it signs 1-hour tokens, which are accepted.
        var own = strict.Services.GetRequiredService<Eligibility.Api.Auth.TokenIssuer>().Issue("someone", "admin", []);
        Assert.Equal(TimeSpan.FromHours(1), new JsonWebToken(own).ValidTo - new JsonWebToken(own).IssuedAt);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", own);
        await (await client.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OutsideDevelopment_WwwAuthenticateSaysNothingAboutWhyATokenFailed()
    {
        var response = await GetProvinces(Sign(expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task AnAcceptedToken_IsRefusedOnceItExpires()
    {
        // Accepted tokens are remembered (CachingTokenHandler); remembering must not outlive the token. No clock skew
        // here, so the token is refused the moment it expires.
        using var strict = api.WithWebHostBuilder(b => b.UseSetting("Auth:ClockSkew", "00:00:00"));
        // The host starts and serves once first: on a loaded machine its first request alone can outlast 3 seconds.
        var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sign());
        await (await client.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
        var expires = DateTime.UtcNow.AddSeconds(3);
        var token = Sign(expires: expires);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await client.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/provinces")).Expect(HttpStatusCode.OK);
        var wait = expires.AddSeconds(1) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        await (await client.GetAsync("/api/v1/provinces")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAcceptedTokenWithAlteredBytes_IsRefused()
    {
        var token = Sign();
        await (await GetProvinces(token)).Expect(HttpStatusCode.OK);

        // The same header and claims with another signature, and the same signature over other claims.
        var parts = token.Split('.');
        var otherSignature = parts[2][..^2] + (parts[2][^2] == 'A' ? "B" : "A") + parts[2][^1];
        await (await GetProvinces($"{parts[0]}.{parts[1]}.{otherSignature}")).ExpectProblem(HttpStatusCode.Unauthorized);
        var otherClaims = Sign(role: "auditor").Split('.')[1];
        await (await GetProvinces($"{parts[0]}.{otherClaims}.{parts[2]}")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnsignedToken_Is401()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode($"{{\"iss\":\"{ApiFactory.Issuer}\",\"aud\":\"{ApiFactory.Audience}\",\"role\":\"admin\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}");
        await (await GetProvinces($"{header}.{payload}.")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWrongRole_Is403()
    {
        var content = new StringContent("province_code,province_name,commune_code,commune_name,commune_kind\n", Encoding.UTF8, "text/csv");
        var response = await api.Official("24778").PostAsync("/api/v1/admin/units/import", content);
        await response.ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task HealthAndTheOpenApiDocument_NeedNoToken(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync(url)).StatusCode);

    [Fact]
    public async Task TheDevTokenRoute_DoesNotExistOutsideDevelopment()
    {
        // Even with a valid token the route is simply not there.
        var response = await api.Admin().Post("/dev/token", new { role = "admin" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class DevelopmentTokenTests(DevelopmentApiFactory api) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task InDevelopment_TheDevTokenRouteIssuesATokenTheApiAccepts()
    {
        var issued = await (await api.CreateClient().Post("/dev/token", new { role = "commune-official", communes = new[] { "24778" } })).Expect(HttpStatusCode.OK);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)issued["token"]!);

        // Development loads the demo data, so the official sees the demo households of their commune.
        var page = await (await client.Post("/api/v1/communes/24778/households/search", new { name = "nguyen thi hoa" })).Expect(HttpStatusCode.OK);
        Assert.NotEmpty(page["items"]!.AsArray());
        await (await client.GetAsync("/api/v1/communes/28261/households")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InDevelopment_WwwAuthenticateSaysWhyATokenFailed()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessTests.Sign(expires: DateTime.UtcNow.AddMinutes(-5)));
        var response = await client.GetAsync("/api/v1/provinces");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error_description", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData("{\"role\":\"emperor\"}", "role")]
    [InlineData("{\"role\":\"admin\",\"subject\":\"system\"}", "subject")]
    [InlineData("{\"role\":\"admin\",\"subject\":\"SYSTEM\"}", "subject")]
    [InlineData("{\"role\":\"admin\",\"subject\":\"cli:root\"}", "subject")]
    [InlineData("{\"role\":\"admin\",\"subject\":\"\"}", "subject")]
    [InlineData("{\"role\":\"admin\",\"subject\":\" \"}", "subject")]
    [InlineData("{\"role\":\"commune-official\",\"communes\":[]}", "communes")]
    [InlineData("{\"role\":\"commune-official\",\"communes\":[\"abc\"]}", "communes[0]")]
    public async Task InDevelopment_ABadTokenRequestIs400(string body, string field)
    {
        var fields = await (await api.CreateClient().Post("/dev/token", body)).ExpectValidationErrors();
        Assert.Contains(field, fields);
    }
}
