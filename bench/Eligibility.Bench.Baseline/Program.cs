using Npgsql;

// GET /baseline/households/{id}: SELECT by primary key through a pooled NpgsqlDataSource, answered as a small JSON.
// What the eligibility endpoint is compared with in the same run (bench/run.sh): the floor of Kestrel + Npgsql +
// PostgreSQL on this machine, with none of the API's work (auth, audit, three queries, the engine).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Eligibility")
    ?? throw new InvalidOperationException("ConnectionStrings__Eligibility is not set.");
await using var dataSource = NpgsqlDataSource.Create(connectionString);

var app = builder.Build();
app.MapGet("/baseline/households/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    await using var cmd = dataSource.CreateCommand("SELECT id, commune_code, head_name FROM households WHERE id = $1");
    cmd.Parameters.Add(new NpgsqlParameter { Value = id });
    await using var reader = await cmd.ExecuteReaderAsync(ct);
    return await reader.ReadAsync(ct)
        ? Results.Ok(new Household(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)))
        : Results.NotFound();
});
app.Run();

record Household(Guid Id, string CommuneCode, string HeadName);
