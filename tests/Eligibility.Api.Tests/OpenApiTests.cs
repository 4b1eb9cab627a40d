using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Eligibility.Api.Tests;

public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheDocument_ListsEveryApiEndpoint_WithItsSecurityAndErrorResponses()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();

        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.NotEmpty(endpoints);

        foreach (var (path, method) in endpoints)
        {
            Assert.True(paths.ContainsKey(path), $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document.");
            var operation = paths[path]![method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} has no operation in the document.");
            Assert.False(string.IsNullOrEmpty((string?)operation!["operationId"]), $"{path} has no operationId.");
            Assert.NotNull(operation["security"]);
            Assert.NotNull(operation["responses"]!["401"]);
        }
    }

    /// <summary>Every POST that creates something (answers 201) takes an Idempotency-Key, so a retry never creates twice.</summary>
    [Fact]
    public async Task EveryCreatingPost_TakesAnIdempotencyKey()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var missing = new List<string>();
        int creating = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var post = item!["post"];
            // The survey import's key is the file itself: the same file twice answers the first report (SurveyImportTests).
            if (post?["responses"]?["201"] is null || path == "/api/v1/review-rounds/{id}/survey-imports")
                continue;
            creating++;
            var parameters = post["parameters"]?.AsArray() ?? [];
            if (!parameters.Any(p => (string?)p!["in"] == "header" && (string?)p["name"] == "Idempotency-Key"))
                missing.Add(path);
        }
        Assert.True(creating >= 10, $"Only {creating} creating operations found.");
        Assert.True(missing.Count == 0, "Creating POSTs without Idempotency-Key: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task SwaggerUi_IsServedWithoutAToken()
    {
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>"/api/v1/households/{id:guid}/" becomes "/api/v1/households/{id}", as the document writes it.</summary>
    internal static string Normalize(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:]+):[^}]+\}", "{$1}").TrimEnd('/') is { Length: > 0 } p ? p : "/";
}
