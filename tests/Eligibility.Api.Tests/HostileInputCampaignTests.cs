using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Eligibility.Api.Tests;

/// <summary>
/// The hostile-input campaign: thousands of generated requests across every /api endpoint. None may be answered with a
/// 5xx, every error must be ProblemDetails, no anonymous caller may succeed, and no rejected request may change a
/// stored row (see <see cref="HostileInputRunner"/>).
/// </summary>
public sealed class HostileInputCampaignTests(HostileInputApi api, ITestOutputHelper output) : IClassFixture<HostileInputApi>
{
    /// <summary>Fixed, so that a failure reproduces; set ELIGIBILITY_HOSTILE_SEED to explore other campaigns.</summary>
    public const int DefaultSeed = 20_260_505;
    public const int MinimumRequests = 2_000;

    [Fact]
    public async Task EveryEndpoint_SurvivesThousandsOfHostileRequests_WithoutA5xx_AndRejectedRequestsChangeNoRow()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ELIGIBILITY_HOSTILE_SEED"), out var s) ? s : DefaultSeed;
        var (operations, requests) = await Campaign.Generate(api, seed);

        // Every /api endpoint of the running app gets requests, and every one that takes a body gets damaged bodies.
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            var count = requests.Count(r => r.Endpoint == operation.Key);
            Assert.True(count >= 20, $"{operation.Key}: only {count} hostile requests were generated.");
            if (operation.Body is not null)
                Assert.True(requests.Count(r => r.Endpoint == operation.Key && r.Mutation.StartsWith("body", StringComparison.Ordinal)) >= 20,
                    $"{operation.Key} takes a body but got few damaged bodies.");
        }
        Assert.True(requests.Count >= MinimumRequests, $"Only {requests.Count} requests were generated.");

        var report = await new HostileInputRunner(api.Caller, api.ConnectionString, concurrency: 8).Run(requests);
        output.WriteLine(Campaign.Summary(report, operations, seed));

        Campaign.AssertClean(report, operations);
    }
}

/// <summary>The parts of a campaign, shared by the campaign itself and by the test that shows it can fail.</summary>
public static class Campaign
{
    public static async Task<(IReadOnlyList<HostileOperation> Operations, IReadOnlyList<HostileRequest> Requests)> Generate(
        HostileInputApi api, int seed, Func<HostileOperation, bool>? only = null)
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var operations = HostileInputSurface.Discover(api.Services.GetRequiredService<EndpointDataSource>(), document)
            .Where(o => only?.Invoke(o) ?? true).ToList();
        var generator = new HostileInputGenerator(new HostileInputSurface(document), api.InScope, api.Foreign, api.ETags, seed);
        var requests = generator.Generate(operations).ToList();
        // Interleave the endpoints (deterministically), so that waves mix reads and writes of different resources.
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
        return (operations, requests);
    }

    public static void AssertClean(HostileReport report, IReadOnlyList<HostileOperation> operations)
    {
        var failures = new List<string>();
        var sent = report.Outcomes.Select(o => o.Request.Endpoint).ToHashSet();
        failures.AddRange(operations.Where(o => !sent.Contains(o.Key)).Select(o => $"no request was sent to {o.Key}"));

        var serverErrors = report.Outcomes.Where(o => o.IsServerError).ToList();
        if (serverErrors.Count > 0)
            failures.Add($"{serverErrors.Count} requests answered 5xx or failed:\n  " + string.Join("\n  ", serverErrors.Take(40)));

        var notProblems = report.Outcomes.Where(o => !o.IsServerError && !HostileInputRunner.IsProblemDetails(o)).ToList();
        if (notProblems.Count > 0)
            failures.Add($"{notProblems.Count} error responses are not ProblemDetails:\n  " + string.Join("\n  ", notProblems.Take(20)));

        var anonymousSuccess = report.Outcomes.Where(o => o.Request.Caller == HostileCallers.Anonymous && o.Accepted).ToList();
        if (anonymousSuccess.Count > 0)
            failures.Add($"{anonymousSuccess.Count} requests without a valid token succeeded:\n  " + string.Join("\n  ", anonymousSuccess.Take(20)));

        if (report.RowChanges.Count > 0)
            failures.Add($"{report.RowChanges.Count} waves of rejected requests changed stored rows:\n  " + string.Join("\n  ", report.RowChanges.Take(5)));

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    public static string Summary(HostileReport report, IReadOnlyList<HostileOperation> operations, int seed)
    {
        var lines = new List<string>
        {
            $"Seed {seed}: {report.Outcomes.Count} requests ({report.Outcomes.Count(o => o.Retry)} of them rejected writes re-sent alone) " +
            $"to {operations.Count} operations in {report.Elapsed.TotalSeconds:0.0} s; {report.Waves} waves, {report.CheckedWaves} with every write " +
            $"rejected and checked against the database; {report.Unsendable} header values the client refused to send.",
            "Statuses: " + string.Join(", ", report.Outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")),
            $"Accepted writes ({report.Outcomes.Count(o => o.Request.IsWrite && o.Accepted)}):",
        };
        lines.AddRange(report.Outcomes.Where(o => o.Request.IsWrite && o.Accepted).Select(o => $"  {o.Status} {o.Request.Endpoint} | {o.Request.Mutation}"));
        lines.Add("Requests per operation:");
        lines.AddRange(operations.Select(o => $"  {report.Outcomes.Count(x => x.Request.Endpoint == o.Key),5} {o.Key}" +
            $" (roles: {(o.Roles.Count == 0 ? "any" : string.Join(", ", o.Roles))}{(o.InDocument ? "" : "; NOT IN THE OPENAPI DOCUMENT")})"));
        return string.Join('\n', lines);
    }
}
