using System.Net;
using System.Text.RegularExpressions;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Eligibility.Api.Tests;

/// <summary>
/// Who may call each operation, three ways: the endpoint's authorization metadata (what the API enforces), the OpenAPI
/// document's <c>x-required-roles</c> (what integrators read) and the README's role table (what people read).
/// </summary>
public sealed partial class RoleTableTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// "GET /api/v1/households/{id}" with the roles its metadata allows; every role when it names none. ASP.NET Core
    /// requires every authorization attribute of an endpoint (its group's and its own), so the roles allowed are those
    /// all of them accept.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlySet<string>> Enforced() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (
                Operation: $"{method} {OpenApiTests.Normalize(e.RoutePattern.RawText!)}",
                Roles: (IReadOnlySet<string>)e.Metadata.GetOrderedMetadata<IAuthorizeData>()
                    .Select(a => a.Policy is { } policy ? [policy] : (a.Roles ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    .Aggregate(Roles.All.ToHashSet(), (allowed, these) => { allowed.IntersectWith(these); return allowed; }))))
            .ToDictionary(o => o.Operation, o => o.Roles);

    [Fact]
    public async Task TheOpenApiDocument_NamesTheRolesEachEndpointAllows()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var enforced = Enforced();
        Assert.True(enforced.Count > 50, $"Only {enforced.Count} operations found.");
        var wrong = new List<string>();
        foreach (var (operation, roles) in enforced)
        {
            var (method, path) = (operation.Split(' ')[0].ToLowerInvariant(), operation.Split(' ')[1]);
            var documented = document["paths"]?[path]?[method]?["x-required-roles"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            // An empty list in the document means any authenticated role.
            var expected = roles.Count == Roles.All.Count ? new HashSet<string>() : roles;
            if (!documented.SetEquals(expected))
                wrong.Add($"{operation}: enforced [{string.Join(", ", expected)}], documented [{string.Join(", ", documented)}]");
        }
        Assert.True(wrong.Count == 0, "x-required-roles differs from the endpoint's authorization:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void TheReadmesRoleTable_ListsExactlyWhatEachRoleMayCall()
    {
        var table = ReadmeRoleTable();
        var enforced = Enforced();
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            var allowed = enforced.Where(o => o.Value.Contains(role)).Select(o => o.Key).ToHashSet();
            var listed = table.TryGetValue(role, out var operations) ? operations : [];
            wrong.AddRange(allowed.Except(listed).Order().Select(o => $"{role} may call {o}, the README does not say so"));
            wrong.AddRange(listed.Except(allowed).Order().Select(o => $"{role} is listed for {o}, which it may not call"));
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// The operations of each role's line of README's "Access: who sees what", plus those of the paragraph for every
    /// authenticated role. Operations are code spans: <c>GET /households/{id}</c>, paths relative to /api/v1, and
    /// <c>GET/POST /communes/{code}/villages</c> for several methods on one path.
    /// </summary>
    static Dictionary<string, HashSet<string>> ReadmeRoleTable()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### Access: who sees what", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 4, StringComparison.Ordinal)];
        var lines = section.Split('\n');
        var everyLine = section[section.IndexOf("\nEvery authenticated role", StringComparison.Ordinal)..];

        HashSet<string> Operations(string line) => OperationSpan().Matches(line)
            .SelectMany(m => m.Groups["methods"].Value.Split('/').Select(method => $"{method} /api/v1{m.Groups["path"].Value}"))
            .ToHashSet();

        var everyone = Operations(everyLine[..everyLine.IndexOf("\n\n", StringComparison.Ordinal)]);
        var table = new Dictionary<string, HashSet<string>>();
        foreach (var line in lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var role = line.Split('`')[1];
            table[role] = [.. Operations(line), .. everyone];
        }
        return table;
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Eligibility.sln")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (Eligibility.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`(?<methods>(?:GET|POST|PUT|DELETE|PATCH)(?:/(?:GET|POST|PUT|DELETE|PATCH))*) (?<path>/[^`\s]*)`")]
    private static partial Regex OperationSpan();
}
