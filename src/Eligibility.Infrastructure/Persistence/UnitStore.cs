using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Units;
using Eligibility.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Eligibility.Infrastructure.Persistence;

sealed class UnitStore(EligibilityDbContext db, IAuditActor actor) : IUnitStore
{
    public async Task<IReadOnlyList<ProvinceResponse>> Provinces(CancellationToken ct) =>
        await db.Provinces.OrderBy(p => p.Code)
            .Select(p => new ProvinceResponse(p.Code, p.Name, db.Communes.Count(c => c.ProvinceCode == p.Code)))
            .ToListAsync(ct);

    public Task<bool> ProvinceExists(string code, CancellationToken ct) => db.Provinces.AnyAsync(p => p.Code == code, ct);

    public async Task<IReadOnlyList<CommuneResponse>> Communes(string provinceCode, CancellationToken ct) =>
        await CommuneQuery(db.Communes.Where(c => c.ProvinceCode == provinceCode).OrderBy(c => c.Name).ThenBy(c => c.Code)).ToListAsync(ct);

    public Task<CommuneResponse?> Commune(string code, CancellationToken ct) =>
        CommuneQuery(db.Communes.Where(c => c.Code == code)).SingleOrDefaultAsync(ct);

    IQueryable<CommuneResponse> CommuneQuery(IQueryable<Commune> communes) =>
        communes.Join(db.Provinces, c => c.ProvinceCode, p => p.Code,
            (c, p) => new CommuneResponse(c.Code, c.Name, c.ProvinceCode, p.Name, c.Kind, c.AreaType, c.EspeciallyDifficult));

    public async Task<IReadOnlyList<VillageResponse>> Villages(string communeCode, CancellationToken ct) =>
        (await db.Villages.AsNoTracking().Where(v => v.CommuneCode == communeCode).OrderBy(v => v.Name).ToListAsync(ct))
            .Select(v => v.ToResponse()).ToList();

    public Task<Village?> FindVillage(Guid id, CancellationToken ct) => db.Villages.SingleOrDefaultAsync(v => v.Id == id, ct);

    public void Add(Village village) => db.Villages.Add(village);

    public async Task<Error?> Save(Village village, uint expectedVersion, CancellationToken ct)
    {
        var entry = db.Entry(village);
        if (entry.State != EntityState.Added)
            entry.Property(v => v.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Concurrency.Stale("village");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Error(ErrorKind.Conflict, "village-name-taken", $"The commune already has a village named \"{village.Name}\".", "name");
        }
    }

    public async Task<UnitImportResult> Import(IReadOnlyList<UnitListRow> rows, CancellationToken ct)
    {
        var provinces = rows.DistinctBy(r => r.ProvinceCode).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        var changes = await Changes(connection, transaction, rows, provinces, ct);

        // Upsert by code, set-based: one statement per table whatever the size of the list.
        // (xmax = 0) is true for a row this statement inserted and false for one it updated.
        var provincesAdded = await db.Database.SqlQueryRaw<int>("""
            WITH upserted AS (
                INSERT INTO provinces (code, name)
                SELECT * FROM unnest(@codes, @names)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted)::int AS "Value" FROM upserted
            """,
            new NpgsqlParameter("codes", provinces.Select(p => p.ProvinceCode).ToArray()),
            new NpgsqlParameter("names", provinces.Select(p => p.ProvinceName).ToArray())).ToListAsync(ct);

        var communesAdded = await db.Database.SqlQueryRaw<int>("""
            WITH upserted AS (
                INSERT INTO communes (code, province_code, name, kind, area_type)
                SELECT * FROM unnest(@codes, @provinces, @names, @kinds, @areas)
                ON CONFLICT (code) DO UPDATE SET province_code = EXCLUDED.province_code, name = EXCLUDED.name,
                    kind = EXCLUDED.kind, area_type = EXCLUDED.area_type
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted)::int AS "Value" FROM upserted
            """,
            new NpgsqlParameter("codes", rows.Select(r => r.CommuneCode).ToArray()),
            new NpgsqlParameter("provinces", rows.Select(r => r.ProvinceCode).ToArray()),
            new NpgsqlParameter("names", rows.Select(r => r.CommuneName).ToArray()),
            new NpgsqlParameter("kinds", rows.Select(r => EnumText.ToText(r.Kind)).ToArray()),
            new NpgsqlParameter("areas", rows.Select(r => EnumText.ToText(r.AreaType)).ToArray())).ToListAsync(ct);

        // A data-modifying WITH must stay at the top level, so the single count is read as a list, not composed on.
        var result = new UnitImportResult(provinces.Count, rows.Count, provincesAdded.Single(), communesAdded.Single());
        // Raw SQL passes the change tracker by, so the import records itself: one entry with its counts, then one per
        // unit it adds or changes, with before and after (a commune's area type decides its poverty line).
        await AuditWriter.Append(connection, transaction, actor,
            [new AuditRecord(AuditActions.Import, "units", null, null, null, null, new JsonObject
            {
                ["provinces"] = result.Provinces,
                ["communes"] = result.Communes,
                ["provincesAdded"] = result.ProvincesAdded,
                ["communesAdded"] = result.CommunesAdded,
            }), .. changes], ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// The entries for the provinces and communes the list adds or changes, from their rows as they are before the
    /// upsert (locked, so that what is recorded as before is what the upsert replaces).
    /// </summary>
    static async Task<List<AuditRecord>> Changes(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<UnitListRow> rows,
        IReadOnlyList<UnitListRow> provinces, CancellationToken ct)
    {
        var provinceNames = new Dictionary<string, string>();
        await using (var cmd = new NpgsqlCommand("SELECT code, name FROM provinces WHERE code = ANY($1) FOR UPDATE", connection, tx)
            { Parameters = { new() { Value = provinces.Select(p => p.ProvinceCode).ToArray() } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                provinceNames[reader.GetString(0)] = reader.GetString(1);
        var communes = new Dictionary<string, JsonObject>();
        await using (var cmd = new NpgsqlCommand("SELECT code, province_code, name, kind, area_type FROM communes WHERE code = ANY($1) FOR UPDATE", connection, tx)
            { Parameters = { new() { Value = rows.Select(r => r.CommuneCode).ToArray() } } })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                communes[reader.GetString(0)] = CommuneFacts(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));

        var changes = new List<AuditRecord>();
        foreach (var p in provinces)
        {
            var after = new JsonObject { ["name"] = p.ProvinceName };
            if (!provinceNames.TryGetValue(p.ProvinceCode, out var name))
                changes.Add(new AuditRecord(AuditActions.Create, "province", p.ProvinceCode, null, p.ProvinceCode, null, after));
            else if (name != p.ProvinceName)
                changes.Add(new AuditRecord(AuditActions.Update, "province", p.ProvinceCode, null, p.ProvinceCode, new JsonObject { ["name"] = name }, after));
        }
        foreach (var c in rows)
        {
            var after = CommuneFacts(c.ProvinceCode, c.CommuneName, EnumText.ToText(c.Kind), EnumText.ToText(c.AreaType));
            if (!communes.TryGetValue(c.CommuneCode, out var before))
                changes.Add(new AuditRecord(AuditActions.Create, "commune", c.CommuneCode, c.CommuneCode, c.ProvinceCode, null, after));
            else if (!JsonNode.DeepEquals(before, after))
                changes.Add(new AuditRecord(AuditActions.Update, "commune", c.CommuneCode, c.CommuneCode, c.ProvinceCode, before, after));
        }
        return changes;
    }

    static JsonObject CommuneFacts(string provinceCode, string name, string kind, string areaType) =>
        new() { ["provinceCode"] = provinceCode, ["name"] = name, ["kind"] = kind, ["areaType"] = areaType };
}
