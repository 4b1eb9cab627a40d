using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// For every operation that takes an id and is scoped (to communes, associations or provinces), a caller scoped
/// elsewhere gets 404 and learns nothing: the answer about a real object of another scope is the same as about an
/// object that does not exist. The operations come from the OpenAPI document, so a new one is covered (or this test
/// fails asking for a way to find a real id for it).
/// </summary>
public sealed class ObjectLevelAuthorizationTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    static readonly string[] ScopedRoles = [Roles.CommuneOfficial, Roles.AssociationOfficer, Roles.ProvinceViewer];

    sealed record World(Dictionary<string, string> Ids, Dictionary<string, object> Bodies);

    async Task<World> ArrangeWorld()
    {
        var official = api.Official(UrbanCommune);
        var created = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Nguyễn Văn Chủ", "1970-05-05", "male", "head"), Member("Nguyễn Thị Con", "2001-05-05", "female", "child")));
        var household = await created.Expect(HttpStatusCode.Created);
        var householdId = (string)household["id"]!;
        var headId = (string)household["headMemberId"]!;
        var answers = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }.ToDictionary(c => c, _ => false);
        var review = await (await official.Post($"/api/v1/households/{householdId}/reviews",
            new { kind = "regular", surveyDate = "2026-05-01", incomePerPersonMonthly = 1_000_000, indicators = answers })).Expect(HttpStatusCode.Created);

        var association = await ConfirmationArrange.Association(api, UrbanCommune, "farmers-union");
        var group = await ConfirmationArrange.Group(api, association, "Tổ TK&VV số 1");
        await api.Scalar<object>("INSERT INTO group_memberships (group_id, household_id, province_code, joined_on) VALUES (@g, @h, '68', DATE '2026-01-01')",
            ("g", group), ("h", Guid.Parse(householdId)));
        var request = await ConfirmationArrange.ApprovedRequest(api, household, group, "job-creation", 10_000_000);
        var list = await (await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { asOf = "2026-11-01" })).Expect(HttpStatusCode.Created);
        var round = await (await official.Post($"/api/v1/communes/{UrbanCommune}/review-rounds", new { kind = "regular", month = "2026-10" })).Expect(HttpStatusCode.Created);

        return new World(
            new Dictionary<string, string>
            {
                ["/api/v1/households/{id}"] = householdId,
                ["{memberId}"] = (string)household["members"]![1]!["id"]!,
                ["{householdId}"] = householdId,
                ["/api/v1/reviews/{id}"] = (string)review["id"]!,
                ["/api/v1/villages/{id}"] = api.UrbanVillage.ToString(),
                ["/api/v1/communes/{code}"] = UrbanCommune,
                ["/api/v1/provinces/{code}"] = "68",
                ["/api/v1/associations/{id}"] = association.ToString(),
                ["/api/v1/groups/{id}"] = group.ToString(),
                ["/api/v1/loan-requests/{id}"] = request.ToString(),
                ["/api/v1/confirmation-lists/{id}"] = (string)list["id"]!,
                ["{lineId}"] = (string)list["lines"]![0]!["id"]!,
                ["/api/v1/review-rounds/{id}"] = (string)round["id"]!,
            },
            // Valid bodies for the operations whose document has no example: the scope check must be what refuses them.
            new Dictionary<string, object>
            {
                ["post /api/v1/communes/{code}/associations"] = new { kind = "womens-union" },
                ["post /api/v1/associations/{id}/groups"] = new { name = "Tổ TK&VV số 2", villageIds = new[] { api.UrbanVillage }, leaderName = "Tổ trưởng" },
                ["post /api/v1/groups/{id}/members"] = new { householdId, joinedOn = "2026-02-01" },
                ["post /api/v1/groups/{id}/members/{householdId}/leave"] = new { leftOn = "2026-03-01" },
                ["post /api/v1/groups/{id}/loan-requests"] = new { householdId, borrowerMemberId = headId, programme = "job-creation", amount = 1_000_000, purpose = "Chăn nuôi", termMonths = 12, filedOn = "2026-10-01" },
                ["post /api/v1/groups/{id}/meetings"] = new { heldOn = "2026-10-05", attendees = 1, membersTotal = 1, chairedBy = "Tổ trưởng", decisions = Array.Empty<object>() },
                ["post /api/v1/communes/{code}/confirmation-lists"] = new { asOf = "2026-11-01" },
                ["post /api/v1/confirmation-lists/{id}/lines/{lineId}/decision"] = new { result = "confirmed" },
                ["post /api/v1/confirmation-lists/{id}/signature"] = new { number = "01/DS", date = "2026-11-01", signer = "Chủ tịch" },
                ["post /api/v1/communes/{code}/review-rounds"] = new { kind = "regular", month = "2026-09" },
                ["post /api/v1/review-rounds/{id}/requests"] = new { householdId, filedOn = "2026-10-01", reason = "Đề nghị rà soát" },
                ["post /api/v1/review-rounds/{id}/reviews"] = new { householdId, surveyDate = "2026-10-05", incomePerPersonMonthly = 1_000_000, indicators = answers },
                ["post /api/v1/review-rounds/{id}/recognition"] = new { decisionNumber = "01/QĐ", decisionDate = "2026-11-01", signer = "Chủ tịch", all = true },
                ["post /api/v1/reviews/{id}/village-meeting"] = new { heldOn = "2026-10-06", attendees = 10, votesInFavour = 8, chairedBy = "Trưởng thôn" },
                ["post /api/v1/reviews/{id}/posting"] = new { startDate = "2026-10-07" },
                ["post /api/v1/reviews/{id}/complaints"] = new { receivedOn = "2026-10-08", summary = "Khiếu nại" },
                ["post /api/v1/reviews/{id}/recheck"] = new { checkedOn = "2026-10-09", outcome = "upheld", note = "Phúc tra" },
            });
    }

    /// <summary>The real value of a route parameter: the most specific prefix of the path that names it.</summary>
    static string? RealValue(World world, string path, string parameter)
    {
        if (world.Ids.TryGetValue($"{{{parameter}}}", out var direct))
            return direct;
        var prefix = path[..(path.IndexOf($"{{{parameter}}}", StringComparison.Ordinal) + parameter.Length + 2)];
        return world.Ids.TryGetValue(prefix, out var value) ? value : null;
    }

    static string MissingValue(string realValue) =>
        Guid.TryParse(realValue, out _) ? Guid.NewGuid().ToString() : realValue.Length == 2 ? "00" : new string('0', realValue.Length);

    HttpClient Outsider(string role) => role switch
    {
        Roles.CommuneOfficial => api.Official(RuralCommune),
        Roles.AssociationOfficer => api.AssociationOfficer(Guid.NewGuid()),
        _ => api.ProvinceViewer("79"),
    };

    [Fact]
    public async Task ACallerScopedElsewhere_GetsTheSame404AsForSomethingThatDoesNotExist()
    {
        var world = await ArrangeWorld();
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var checkedOperations = new List<string>();
        var failures = new List<string>();

        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            var roles = (operation!["x-required-roles"] as JsonArray)?.Select(r => (string)r!).ToList() ?? [];
            var role = roles.FirstOrDefault(ScopedRoles.Contains);
            var parameters = Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            if (role is null || parameters.Count == 0)
                continue;

            var real = path;
            var missing = path;
            foreach (var parameter in parameters)
            {
                var value = RealValue(world, path, parameter);
                if (value is null)
                {
                    failures.Add($"{method.ToUpperInvariant()} {path}: no real id for {{{parameter}}}; add one to {nameof(ArrangeWorld)}.");
                    continue;
                }
                real = real.Replace($"{{{parameter}}}", value);
                missing = missing.Replace($"{{{parameter}}}", parameter == parameters[0] ? MissingValue(value) : value);
            }
            if (real.Contains('{'))
                continue;

            var body = operation["requestBody"]?["content"]?["application/json"]?["example"]?.ToJsonString()
                ?? (world.Bodies.TryGetValue($"{method} {path}", out var fallback) ? System.Text.Json.JsonSerializer.Serialize(fallback) : null);
            var outsider = Outsider(role);
            var onReal = await Send(outsider, method, real, body);
            var onMissing = await Send(outsider, method, missing, body);
            checkedOperations.Add($"{method.ToUpperInvariant()} {path}");

            if (onReal.Status != HttpStatusCode.NotFound)
                failures.Add($"{method.ToUpperInvariant()} {path} answered {(int)onReal.Status} to a caller scoped elsewhere: {onReal.Body}");
            else if (onMissing.Status != onReal.Status || onMissing.Body != onReal.Body)
                failures.Add($"{method.ToUpperInvariant()} {path} tells 'exists elsewhere' ({(int)onReal.Status} {onReal.Body}) from 'does not exist' ({(int)onMissing.Status} {onMissing.Body}).");
        }

        Assert.True(checkedOperations.Count >= 10, $"Only {checkedOperations.Count} scoped operations were checked: {string.Join(", ", checkedOperations)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static async Task<(HttpStatusCode Status, string Body)> Send(HttpClient client, string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        // A plausible, stale version: the scope check must answer before any version check could.
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // The trace id differs per request by design; everything else must be identical.
        return (response.StatusCode, Regex.Replace(text, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\""));
    }

    [Fact]
    public async Task TokensUsedInTurn_EachKeepsItsOwnScope()
    {
        // Validated tokens are remembered and their scopes collected once (CachingTokenHandler): two officials of two
        // communes, in turn, several times, each still sees only their own commune.
        var urban = api.Official(UrbanCommune);
        var rural = api.Official(RuralCommune);
        for (var round = 0; round < 3; round++)
        {
            await (await urban.GetAsync($"/api/v1/communes/{UrbanCommune}/households")).Expect(HttpStatusCode.OK);
            await (await rural.GetAsync($"/api/v1/communes/{UrbanCommune}/households")).ExpectProblem(HttpStatusCode.NotFound);
            await (await rural.GetAsync($"/api/v1/communes/{RuralCommune}/households")).Expect(HttpStatusCode.OK);
            await (await urban.GetAsync($"/api/v1/communes/{RuralCommune}/households")).ExpectProblem(HttpStatusCode.NotFound);
        }
    }
}
