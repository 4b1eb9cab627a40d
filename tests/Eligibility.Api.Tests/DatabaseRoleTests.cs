using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Infrastructure.Database;
using Npgsql;
using static Eligibility.Api.Tests.ConfirmationArrange;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// Migration 0050: the API's role owns nothing, holds only the privileges it needs, and cannot get around the triggers
/// that keep the audit trail and signed confirmation lists as they were written.
/// </summary>
public sealed class DatabaseRoleTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    async Task<T?> AsApi<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ApiConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    Task<PostgresException> FailsAsApi(string sql) => Assert.ThrowsAsync<PostgresException>(() => AsApi<object>(sql));

    [Fact]
    public async Task TheApiRole_OwnsNothing_IsNoSuperuser_AndHoldsOnlyWhatItNeeds()
    {
        Assert.Equal(DatabaseRoles.Api, await AsApi<string>("SELECT current_user::text"));
        Assert.False(await AsApi<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await AsApi<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND pg_has_role(relowner, 'MEMBER')"));
        Assert.Null(await DatabaseRoles.ApiRoleProblem(api.ApiConnectionString));

        var expected = new Dictionary<string, string[]>
        {
            ["households"] = ["SELECT", "INSERT", "UPDATE", "DELETE"],
            ["confirmation_lines"] = ["SELECT", "INSERT", "UPDATE", "DELETE"],
            ["audit_log"] = ["SELECT", "INSERT"],
            ["audit_chain_head"] = ["SELECT"],
            ["schema_migrations"] = ["SELECT"],
            ["loan_programmes"] = ["SELECT"],
            ["standard_figures"] = ["SELECT", "INSERT"],
        };
        foreach (var (table, privileges) in expected)
            foreach (var privilege in new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" })
                Assert.True(privileges.Contains(privilege) == await AsApi<bool>($"SELECT has_table_privilege('{table}', '{privilege}')"),
                    $"{privilege} on {table}");
        await FailsAsApi("CREATE TABLE api_made (id int)");
    }

    [Fact]
    public async Task ATableTheOwnerCreatesLater_GetsTheApisDmlThroughDefaultPrivileges()
    {
        await using (var owner = new NpgsqlConnection(api.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE later_table (id int PRIMARY KEY)", owner).ExecuteNonQueryAsync();
        }
        Assert.Equal(1L, await AsApi<long>("WITH added AS (INSERT INTO later_table VALUES (1) RETURNING id) SELECT count(*) FROM added"));
        Assert.False(await AsApi<bool>("SELECT has_table_privilege('later_table', 'TRUNCATE')"));
        await api.Execute("DROP TABLE later_table");
    }

    [Fact]
    public async Task AsTheApisRole_TheAuditTrailAndItsHeadCannotBeChanged_NorTheirTriggersSkipped()
    {
        await Village(api, UrbanCommune, "Tổ dân phố Vai trò");
        var before = await api.Scalar<string>("SELECT string_agg(hash, ',' ORDER BY id) FROM audit_log");

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("TRUNCATE audit_log")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("UPDATE audit_log SET subject = 'someone-else'")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("DELETE FROM audit_log")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("UPDATE audit_chain_head SET last_id = 1")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("SET session_replication_role = replica; DELETE FROM audit_log")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("INSERT INTO schema_migrations (name, checksum) VALUES ('x', 'y')")).SqlState);
        Assert.Equal(before, await api.Scalar<string>("SELECT string_agg(hash, ',' ORDER BY id) FROM audit_log"));

        // What it may do, it does through the owner's functions: its entry is chained and the head moves to it.
        var id = await AsApi<long>("INSERT INTO audit_log (subject, role, action, entity) VALUES ('role-test', 'admin', 'read', 'probe') RETURNING id");
        Assert.Equal(id, await api.Scalar<long>("SELECT last_id FROM audit_chain_head"));
        Assert.True((bool)(await api.Verify())["valid"]!);
    }

    [Fact]
    public async Task AHandOverTheSessionSetItself_CannotPointTheHeadAtAnEntryThatDoesNotExist()
    {
        await Village(api, UrbanCommune, "Tổ dân phố Bàn giao");
        var head = await api.Scalar<long>("SELECT last_id FROM audit_chain_head");
        await AsApi<object>($"""
            BEGIN;
            SELECT set_config('eligibility.audit_chain', '{head + 1000}:{new string('a', 64)}', true);
            INSERT INTO audit_log (subject, role, action, entity) SELECT 'forger', 'admin', 'read', 'probe' WHERE false;
            COMMIT;
            """);
        Assert.Equal(head, await api.Scalar<long>("SELECT last_id FROM audit_chain_head"));
    }

    [Fact]
    public async Task TheChainHead_OnlyMovesForward_EvenForASuperuser()
    {
        await Village(api, UrbanCommune, "Tổ dân phố Đầu chuỗi");
        var back = await api.SqlFails("UPDATE audit_chain_head SET last_id = last_id - 1");
        Assert.Contains("only moves forward", back.MessageText);
        Assert.Contains("only moves forward", (await api.SqlFails($"UPDATE audit_chain_head SET last_hash = '{new string('b', 64)}'")).MessageText);
        Assert.Contains("only moves forward", (await api.SqlFails("UPDATE audit_chain_head SET last_id = NULL")).MessageText);
    }

    [Fact]
    public async Task ASignedList_CannotBeChangedTruncatedOrUnguarded_AsTheApisRole_AndItsTriggersFireInReplicationMode()
    {
        var official = api.Official(UrbanCommune);
        var group = await Group(api, await Association(api, UrbanCommune, "farmers-union"), "Tổ TK&VV Vai trò");
        var household = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Trần Văn Bền", "1980-05-05"));
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01"));
        await ApprovedRequest(api, household, group, "poor-household", 20_000_000m);
        var compiled = await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { programme = "poor-household", asOf = "2026-11-01" });
        var list = await compiled.Expect(HttpStatusCode.Created);
        var id = (Guid)list["id"]!;
        var line = (Guid)list["lines"]![0]!["id"]!;
        var decided = await official.Post($"/api/v1/confirmation-lists/{id}/lines/{line}/decision", new { result = "confirmed" }, compiled.ETag());
        await (await official.Post($"/api/v1/confirmation-lists/{id}/signature",
            new { number = "7/QĐ-UBND", date = "2026-11-10", signer = "Nguyễn Văn Ký" }, decided.ETag())).Expect(HttpStatusCode.OK);

        var update = $"UPDATE confirmation_lines SET purpose = 'Sửa sau khi ký' WHERE id = '{line}'";
        Assert.Contains("signed", (await FailsAsApi(update)).MessageText);
        Assert.Contains("signed", (await FailsAsApi($"UPDATE confirmation_lists SET signer = 'Người khác' WHERE id = '{id}'")).MessageText);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("ALTER TABLE confirmation_lines DISABLE TRIGGER confirmation_lines_signed")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi("TRUNCATE confirmation_lines, confirmation_lists")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await FailsAsApi($"SET session_replication_role = replica; {update}")).SqlState);

        // Even a superuser in replication mode meets the triggers, and TRUNCATE is refused whoever asks.
        Assert.Contains("signed", (await api.SqlFails($"SET session_replication_role = replica; {update}")).MessageText);
        Assert.Contains("never truncated", (await api.SqlFails("TRUNCATE confirmation_lines")).MessageText);
        Assert.Contains("never truncated", (await api.SqlFails("TRUNCATE confirmation_lists CASCADE")).MessageText);
        Assert.Equal("Chăn nuôi bò sinh sản", await api.Scalar<string>("SELECT purpose FROM confirmation_lines WHERE id = @id", ("id", line)));
    }
}

/// <summary>Outside Development the API will not run as a role that could disable its own guards, nor on a schema it cannot migrate.</summary>
public sealed class DatabaseRoleStartupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AsASuperuser_TheApiRefusesToStart_InOneLine()
    {
        var (code, error) = await StartupTests.StartApi(("ConnectionStrings__Eligibility", api.ConnectionString));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("a superuser", line);
    }

    [Fact]
    public async Task AsTheOwner_TheApiRefusesToStart_InOneLine()
    {
        var (code, error) = await StartupTests.StartApi(("ConnectionStrings__Eligibility", api.OwnerConnectionString));
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{DatabaseRoles.Owner}, which owns table", line);
    }

    [Fact]
    public async Task WithAPendingMigrationAndNoOwnersConnectionString_TheApiRefusesToStart_InOneLine()
    {
        var database = await TestDatabase.Create();
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand("DELETE FROM schema_migrations WHERE name = '0018_public_holidays.sql'", connection).ExecuteNonQueryAsync();
            }
            var (code, error) = await StartupTests.StartApi(("ConnectionStrings__Eligibility", TestDatabase.As(database, DatabaseRoles.Api)));
            Assert.Equal(1, code);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("1 migration(s) are not applied (the first: 0018_public_holidays.sql)", line);
            Assert.Contains("ConnectionStrings:EligibilityMigrations", line);
        }
        finally
        {
            await TestDatabase.Drop(database);
        }
    }
}

/// <summary>An API given the owner's connection string too, over a database where one migration is still to run.</summary>
public sealed class OwnerMigratesApi : ApiFactory, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Execute("DELETE FROM schema_migrations WHERE name = '0018_public_holidays.sql'; DROP TABLE public_holidays");
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:EligibilityMigrations", OwnerConnectionString);
    }
}

public sealed class OwnerMigrationTests(OwnerMigratesApi api) : IClassFixture<OwnerMigratesApi>
{
    [Fact]
    public async Task StartUp_AppliesPendingMigrationsAsTheOwner_AndTheApiGetsItsPrivilegesOnWhatTheyCreate()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM schema_migrations WHERE name = '0018_public_holidays.sql'"));
        // Run after 0050, as a migration numbered before it may be on a merged branch: default privileges cover it.
        Assert.Equal(DatabaseRoles.Owner, await api.Scalar<string>("SELECT pg_get_userbyid(relowner)::text FROM pg_class WHERE relname = 'public_holidays'"));
        Assert.True(await api.Scalar<bool>($"SELECT has_table_privilege('{DatabaseRoles.Api}', 'public_holidays', 'INSERT')"));
    }
}
