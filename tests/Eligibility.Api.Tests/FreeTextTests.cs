using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Free text is refused with a control, bidirectional or zero-width character, in every string of every request body
/// (found from the OpenAPI document, so a request type added later is covered), naming the field.
/// </summary>
public sealed class FreeTextTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    static readonly string[] Hidden = ["a\u0001b", "\u0000", "b\u0085", "a\u007f", "Hoa\u202Eb", "x\u2066y", "Thôn\u200BMới", "\uFEFFx", "a\tb", "a\nb"];

    [Fact]
    public async Task EveryStringOfEveryRequestBody_RefusesControlCharacters_NamingTheField()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var surface = new HostileInputSurface(document);
        var operations = HostileInputSurface.Discover(api.Services.GetRequiredService<EndpointDataSource>(), document)
            .Where(o => o.Body is { } body && body.ContentType.Contains("json", StringComparison.Ordinal)).ToList();
        // A JSON body the document does not describe would be skipped below: there is none.
        Assert.All(operations, o => Assert.True(o.Body!.Schema is not null, $"{o.Key} has no body schema in the OpenAPI document."));

        var tried = new List<string>();
        var wrong = new List<string>();
        foreach (var operation in operations)
        {
            var client = Caller(operation.Roles.FirstOrDefault() ?? Roles.CommuneOfficial);
            var url = string.Concat(operation.Path.Split('/').Select((segment, i) =>
                (i == 0 ? "" : "/") + (segment.StartsWith('{') ? RouteValue(operation, segment.Trim('{', '}')) : segment)));
            foreach (var (field, body) in StringLeaves(surface, operation.Body!.Schema!, "", 0))
            {
                var hidden = Hidden[tried.Count % Hidden.Length];
                var content = new StringContent(body(JsonValue.Create(hidden)).ToJsonString(), Encoding.UTF8, "application/json");
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = content });
                tried.Add($"{operation.Key} {field}");
                var fields = response.StatusCode == HttpStatusCode.BadRequest ? (await response.Json())["errors"]?.AsObject().Select(e => e.Key) : null;
                if (fields?.Contains(field) != true)
                    wrong.Add($"{operation.Key} {field} with {JsonValue.Create(hidden).ToJsonString()}: {(int)response.StatusCode} {string.Join(",", fields ?? [])}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // The walk reached the free text of the forms, nested ones included.
        Assert.Contains(tried, t => t.EndsWith("/api/v1/households members[0].fullName", StringComparison.Ordinal));
        Assert.Contains(tried, t => t.EndsWith("/signature signer", StringComparison.Ordinal));
        Assert.Contains(tried, t => t.EndsWith("/meetings decisions[0].reason", StringComparison.Ordinal));
        Assert.Contains(tried, t => t.EndsWith("/loan-requests purpose", StringComparison.Ordinal));
        Assert.Contains(tried, t => t.EndsWith("/public-holidays legalBasis", StringComparison.Ordinal));
    }

    HttpClient Caller(string role) => role switch
    {
        Roles.AssociationOfficer => api.AssociationOfficer(Guid.NewGuid()),
        Roles.ProvinceViewer => api.ProvinceViewer("68"),
        _ => api.ClientFor(role, UrbanCommune),
    };

    static string RouteValue(HostileOperation operation, string name) =>
        operation.RouteParameters.FirstOrDefault(p => p.Name == name).Constraint switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" => "1",
            _ when name.Contains("day", StringComparison.OrdinalIgnoreCase) => "2030-01-01",
            _ => UrbanCommune,
        };

    /// <summary>
    /// Each string the schema holds (properties, array items, nested objects) with its path as the API names it and a
    /// body holding only that string: the refusal comes before binding, so the rest of the body does not matter.
    /// </summary>
    static IEnumerable<(string Field, Func<JsonNode, JsonNode> Body)> StringLeaves(HostileInputSurface surface, JsonObject schema, string path, int depth)
    {
        if (depth > 6)
            yield break;
        if (Types(schema).Contains("string"))
            yield return (path, value => value);
        if (Types(schema).Contains("array") && surface.Resolve(schema["items"]) is { } items)
            foreach (var (field, body) in StringLeaves(surface, items, path + "[0]", depth + 1))
                yield return (field, value => new JsonArray(body(value)));
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            if (surface.Resolve(property) is { } resolved)
                foreach (var (field, body) in StringLeaves(surface, resolved, path.Length == 0 ? name : $"{path}.{name}", depth + 1))
                    yield return (field, value => new JsonObject { [name] = body(value) });
    }

    static IEnumerable<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!),
        JsonValue type => [(string)type!],
        _ => [],
    };

    [Fact]
    public async Task AMemberNamedWithAControlCharacter_Is400_AndNothingIsStored()
    {
        var before = await api.Scalar<long>("SELECT count(*) FROM members");
        var response = await api.Official(UrbanCommune).Post("/api/v1/households",
            Household(UrbanCommune, api.UrbanVillage, Member("Lê\u0001 Văn Bảy", "1980-01-01", "male", "head")));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var message = (string)problem["errors"]!["members[0].fullName"]![0]!;
        Assert.Contains("U+0001", message);
        Assert.Contains("ký tự điều khiển", message);
        Assert.Equal(before, await api.Scalar<long>("SELECT count(*) FROM members"));
    }

    [Fact]
    public async Task AControlCharacterInAQueryString_Is400NamingTheParameter() =>
        Assert.Contains("subject", await (await api.ClientFor(Roles.Auditor).GetAsync("/api/v1/audit?subject=a%E2%80%AEb")).ExpectValidationErrors());
}
