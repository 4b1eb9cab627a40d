using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Tests;

public sealed class AccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    static string Sign(string issuer = ApiFactory.Issuer, string audience = ApiFactory.Audience, string key = ApiFactory.SigningKey,
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
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
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
        { "wrong key", Sign(key: "another-signing-key-of-at-least-thirty-two-bytes") },
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

    [Fact]
    public async Task AnAcceptedToken_IsRefusedOnceItExpires()
    {
        // Accepted tokens are remembered (CachingTokenHandler); remembering must not outlive the token. No clock skew
        // here, so the token is refused the moment it expires.
        using var strict = api.WithWebHostBuilder(b => b.UseSetting("Auth:ClockSkew", "00:00:00"));
        var expires = DateTime.UtcNow.AddSeconds(3);
        var token = Sign(expires: expires);
        var client = strict.CreateClient();
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

    [Theory]
    [InlineData("{\"role\":\"emperor\"}", "role")]
    [InlineData("{\"role\":\"commune-official\",\"communes\":[]}", "communes")]
    [InlineData("{\"role\":\"commune-official\",\"communes\":[\"abc\"]}", "communes[0]")]
    public async Task InDevelopment_ABadTokenRequestIs400(string body, string field)
    {
        var fields = await (await api.CreateClient().Post("/dev/token", body)).ExpectValidationErrors();
        Assert.Contains(field, fields);
    }
}
