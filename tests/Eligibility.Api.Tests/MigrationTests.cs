using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Infrastructure.Database;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eligibility.Api.Tests;

public sealed class MigrationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryMigration_IsRecordedOnceWithItsChecksum_AndASecondRunAppliesNothing()
    {
        var files = Directory.GetFiles(TestDatabase.MigrationsDirectory, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var checksum = await api.Scalar<string>("SELECT checksum FROM schema_migrations WHERE name = @name", ("name", file!));
            Assert.Equal(MigrationRunner.Checksum(await File.ReadAllTextAsync(Path.Combine(TestDatabase.MigrationsDirectory, file!))), checksum);
        }

        var applied = await new MigrationRunner(api.ConnectionString, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply();
        Assert.Empty(applied);
        Assert.Equal(files.Count, (int)await api.Scalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task AnAppliedMigrationThatWasEdited_StopsStartUpWithAClearMessage()
    {
        using var copy = CopyOfMigrations();
        var folder = copy.Path;
        var first = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).First();
        await File.AppendAllTextAsync(first, "\n-- an innocent-looking edit\n");

        var error = await Assert.ThrowsAsync<StartupException>(() => new MigrationRunner(api.ConnectionString, folder, NullLogger.Instance).Apply());
        Assert.Contains(Path.GetFileName(first), error.Message);
        Assert.Contains("edited after it was applied", error.Message);
    }

    [Fact]
    public async Task ANewMigration_IsAppliedInOrderOnce_AndAFailingOneLeavesNothingBehind()
    {
        using var copy = CopyOfMigrations();
        var folder = copy.Path;
        await File.WriteAllTextAsync(Path.Combine(folder, "9000_add_probe.sql"), "CREATE TABLE migration_probe (id int);");
        await File.WriteAllTextAsync(Path.Combine(folder, "9001_broken.sql"), "CREATE TABLE migration_probe_2 (id int); SELECT no_such_function();");
        var runner = new MigrationRunner(api.ConnectionString, folder, NullLogger.Instance);

        await Assert.ThrowsAsync<PostgresException>(() => runner.Apply());
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM schema_migrations WHERE name = '9000_add_probe.sql'"));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM schema_migrations WHERE name = '9001_broken.sql'"));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'migration_probe_2'"));

        File.Delete(Path.Combine(folder, "9001_broken.sql"));
        Assert.Empty(await runner.Apply());
        await api.Execute("DROP TABLE migration_probe; DELETE FROM schema_migrations WHERE name = '9000_add_probe.sql'");
    }

    [Fact]
    public async Task ConcurrentStarts_ApplyEachMigrationOnce()
    {
        var database = await TestDatabase.Create();
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection).ExecuteNonQueryAsync();
            }
            var runs = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(database, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply());
            var applied = (await Task.WhenAll(runs)).SelectMany(a => a).ToList();
            Assert.Equal(Directory.GetFiles(TestDatabase.MigrationsDirectory, "*.sql").Length, applied.Count);
            Assert.Equal(applied.Count, applied.Distinct().Count());
        }
        finally
        {
            await TestDatabase.Drop(database);
        }
    }

    /// <summary>
    /// Migration 0021 on a copy of the schema with rows: a recorded "attends school" keeps its meaning as a schooling
    /// level (yes: at the right level, no: not attending, unknown stays unknown); 0020 gives job-creation its rule sets.
    /// </summary>
    [Fact]
    public async Task TheLawMigrations_KeepExistingMembersMeaning_AndVersionTheJobCreationRule()
    {
        var database = await TestDatabase.Create();
        using var before = CopyOfMigrations();
        foreach (var file in Directory.GetFiles(before.Path, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), "0020") >= 0))
            File.Delete(file);
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection).ExecuteNonQueryAsync();
                await connection.CloseAsync();
                await new MigrationRunner(database, before.Path, NullLogger.Instance).Apply();
                await connection.OpenAsync();
                await new NpgsqlCommand("""
                    INSERT INTO provinces VALUES ('68', 'Lâm Đồng');
                    INSERT INTO communes VALUES ('24853', '68', 'Xã Thử', 'xa', 'rural');
                    INSERT INTO villages VALUES ('00000000-0000-4000-8000-000000000001', '68', '24853', 'Thôn Một');
                    INSERT INTO households (id, province_code, commune_code, village_id, address, head_name, member_names, created_at, updated_at)
                    VALUES ('00000000-0000-4000-8000-000000000002', '68', '24853', '00000000-0000-4000-8000-000000000001', 'Số 1', 'Ka Điệp', 'Ka Điệp', now(), now());
                    INSERT INTO members (id, household_id, province_code, full_name, date_of_birth, sex, relationship, ethnic_minority, has_disability,
                        has_health_insurance, attends_school, receives_social_allowance) VALUES
                        ('00000000-0000-4000-8000-000000000010', '00000000-0000-4000-8000-000000000002', '68', 'Ka Điệp', '1985-07-07', 'female', 'head', true, false, true, NULL, false),
                        ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000002', '68', 'Cil Ha Nhin', '2015-10-10', 'male', 'child', true, false, true, true, false),
                        ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000002', '68', 'Cil Ha Na', '2013-01-10', 'female', 'child', true, false, true, false, false);
                    """, connection).ExecuteNonQueryAsync();
            }

            var applied = await new MigrationRunner(database, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply();
            Assert.Contains("0021_member_schooling_and_care.sql", applied);

            await using var check = new NpgsqlConnection(database);
            await check.OpenAsync();
            async Task<string> Text(string sql) => string.Join(";", await Rows(check, sql));
            Assert.Equal("Ka Điệp=|false;Cil Ha Nhin=at-right-level|false;Cil Ha Na=not-attending|false",
                await Text("SELECT full_name || '=' || coalesce(schooling, '') || '|' || cares_for_severe_disability FROM members ORDER BY id"));
            Assert.Equal("2022-01-01 decree61 3.9600 120;2025-12-01 decree61 3.7440 120;2026-01-01 law74 6.2400 120",
                await Text("SELECT effective_from || ' ' || priority_rule || ' ' || priority_annual_rate_percent || ' ' || max_term_months FROM programme_terms WHERE programme_code = 'job-creation' ORDER BY effective_from"));
            Assert.Equal("2022-01-01 2500000 1.5000;2022-05-19 4000000 1.5000;2025-12-01 4000000 1.5000",
                await Text("SELECT effective_from || ' ' || max_amount || ' ' || income_ceiling_factor FROM programme_terms WHERE programme_code = 'income-150' ORDER BY effective_from"));
            Assert.Equal("0", await Text("SELECT count(*) FROM programme_terms WHERE legal_basis LIKE '%(verify)%' OR source = ''"));
        }
        finally
        {
            await TestDatabase.Drop(database);
        }
    }

    static async Task<List<string>> Rows(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetValue(0).ToString()!);
        return rows;
    }

    /// <summary>The EF model maps onto the schema the SQL creates: same tables, columns, types and nullability.</summary>
    [Fact]
    public async Task TheEfModel_MatchesTheSchemaTheSqlCreates()
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
        var schema = await ReadSchema();
        var problems = new List<string>();

        var mappedTables = new HashSet<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            mappedTables.Add(table);
            if (!schema.TryGetValue(table, out var columns))
            {
                problems.Add($"table {table} is mapped but does not exist");
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = new HashSet<string>();
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                mapped.Add(column);
                if (!columns.TryGetValue(column, out var actual))
                {
                    problems.Add($"{table}.{column} is mapped but does not exist");
                    continue;
                }
                if (!SameType(property.GetColumnType(), actual.Type))
                    problems.Add($"{table}.{column}: model type {property.GetColumnType()}, database type {actual.Type}");
                if (column != "xmin" && property.IsNullable != actual.Nullable)
                    problems.Add($"{table}.{column}: model nullable {property.IsNullable}, database nullable {actual.Nullable}");
            }
            // Columns the database computes itself (search keys) need no mapping; every other column does.
            foreach (var (column, _) in columns.Where(c => !mapped.Contains(c.Key) && !c.Value.Generated && c.Key != "xmin"))
                problems.Add($"{table}.{column} exists but is not mapped");
        }
        Assert.Empty(problems);
        Assert.Contains("households", mappedTables);
    }

    static bool SameType(string model, string database) =>
        Normalize(model) == Normalize(database);

    static string Normalize(string type) => type switch
    {
        "timestamp with time zone" => "timestamptz",
        "character varying" or "varchar" => "text",
        _ => type,
    };

    async Task<Dictionary<string, Dictionary<string, (string Type, bool Nullable, bool Generated)>>> ReadSchema()
    {
        var result = new Dictionary<string, Dictionary<string, (string, bool, bool)>>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attgenerated <> ''
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT a.attisdropped AND (a.attnum > 0 OR a.attname = 'xmin')
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var columns))
                result[table] = columns = [];
            columns[reader.GetString(1)] = (reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4));
        }
        return result;
    }

    /// <summary>A copy of db/migrations in a temporary folder, removed when disposed.</summary>
    static TemporaryFolder CopyOfMigrations()
    {
        var folder = new TemporaryFolder(Path.Combine(Path.GetTempPath(), $"eligibility-migrations-{Guid.NewGuid():N}"));
        foreach (var file in Directory.GetFiles(TestDatabase.MigrationsDirectory))
            File.Copy(file, Path.Combine(folder.Path, System.IO.Path.GetFileName(file)));
        return folder;
    }

    sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder(string path) => Directory.CreateDirectory(Path = path);

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
