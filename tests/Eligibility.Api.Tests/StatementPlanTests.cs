using System.Net;
using System.Reflection;
using Eligibility.Api.Tests.Infrastructure;
using Npgsql;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// The hottest statement, the facts of one household (GET /households/{id}/eligibility), must let the server settle on
/// a generic plan, planned once per connection. With the household ids as an array the server planned it again at
/// every execution, four times its execution time (bench/README.md, session 3). Prepared here as Npgsql prepares it;
/// the array form is the contrast that shows the check can fail.
/// </summary>
public sealed class StatementPlanTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    static string StoreSql(string field) =>
        (string)Type.GetType("Eligibility.Infrastructure.Eligibility.EligibilityStore, Eligibility.Infrastructure", throwOnError: true)!
            .GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The plan the server uses for the seventh execution of the prepared statement.</summary>
    async Task<string> PlanAfterSixExecutions(string sql, string parameterType, string argument)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        async Task<List<string>> Run(string text)
        {
            await using var command = new NpgsqlCommand(text, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
                lines.Add(reader.GetValue(0).ToString()!);
            return lines;
        }
        await Run($"PREPARE facts ({parameterType}) AS {sql}");
        for (var i = 0; i < 6; i++)
            await Run($"EXECUTE facts ({argument})");
        return string.Join("\n", await Run($"EXPLAIN (COSTS OFF) EXECUTE facts ({argument})"));
    }

    [Fact]
    public async Task TheFactsOfOneHousehold_SettleOnAGenericPlan()
    {
        var created = await (await api.Official(UrbanCommune).Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Trần Văn Kế", "1975-03-03", "male", "head")))).Expect(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        // A generic plan names the parameter; a custom plan has the value in it.
        var one = await PlanAfterSixExecutions(StoreSql("FactsOfOne"), "uuid", $"'{id}'");
        Assert.Contains("$1", one);
        Assert.DoesNotContain(id, one);

        var many = await PlanAfterSixExecutions(StoreSql("FactsById"), "uuid[]", $"ARRAY['{id}']::uuid[]");
        Assert.DoesNotContain("$1", many);
        Assert.Contains(id, many);
    }
}
