using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Eligibility.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Eligibility.Infrastructure.Audit;

/// <summary>
/// Records every entity EF Core adds, changes or deletes, with its mapped column values before and after, in the
/// transaction of the change itself: a rolled-back change leaves no entry, and a committed one always has its entry.
/// The entries are written after the change's own statements, just before its commit, so the chain lock they take is
/// held only for that instant and never while waiting for another row lock.
/// </summary>
sealed class AuditInterceptor(IAuditActor actor) : SaveChangesInterceptor
{
    static readonly Dictionary<string, string> EntityNames = new()
    {
        ["households"] = "household",
        ["members"] = "member",
        ["villages"] = "village",
        ["poverty_reviews"] = "review",
        ["household_statuses"] = "status",
        ["provinces"] = "province",
        ["communes"] = "commune",
    };

    // The interceptor is shared; what one SaveChanges captured waits here, per context, until it has saved or failed.
    readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    sealed record Pending(IReadOnlyList<AuditRecord> Records, IDbContextTransaction? OwnTransaction);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Capture(db) is { Count: > 0 } records)
            pending.AddOrUpdate(db, new Pending(records, db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (eventData.Context is { } db && Capture(db) is { Count: > 0 } records)
            pending.AddOrUpdate(db, new Pending(records, db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is not ({ } db, { } p))
            return result;
        using var own = p.OwnTransaction;
        AuditWriter.AppendSync(Connection(db), Transaction(db), actor, p.Records);
        own?.Commit();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (Take(eventData.Context) is not ({ } db, { } p))
            return result;
        await using var own = p.OwnTransaction;
        await AuditWriter.Append(Connection(db), Transaction(db), actor, p.Records, ct);
        if (own is not null)
            await own.CommitAsync(ct);
        return result;
    }

    // A failed or cancelled save: the transaction this interceptor began is rolled back by disposing it.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context).Pending?.OwnTransaction?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (Take(eventData.Context).Pending?.OwnTransaction is { } own)
            await own.DisposeAsync();
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context).Pending?.OwnTransaction?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        if (Take(eventData.Context).Pending?.OwnTransaction is { } own)
            await own.DisposeAsync();
    }

    (DbContext? Db, Pending? Pending) Take(DbContext? db)
    {
        if (db is null || !pending.TryGetValue(db, out var p))
            return (db, null);
        pending.Remove(db);
        return (db, p);
    }

    static NpgsqlConnection Connection(DbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    static NpgsqlTransaction Transaction(DbContext db) =>
        (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("An audited save has no transaction.")).GetDbTransaction();

    static List<AuditRecord> Capture(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var records = new List<AuditRecord>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Modified => AuditActions.Update,
                EntityState.Deleted => AuditActions.Delete,
                _ => null,
            };
            if (action is null)
                continue;
            var table = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;
            var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
            records.Add(new AuditRecord(
                action,
                EntityNames.GetValueOrDefault(table, table),
                string.Join(",", key),
                Column(entry, "commune_code") ?? CommuneOfHousehold(db, entry),
                Column(entry, "province_code"),
                entry.State == EntityState.Added ? null : Values(entry, original: true),
                entry.State == EntityState.Deleted ? null : Values(entry, original: false)));
        }
        return records;
    }

    /// <summary>The row as stored: column name to the value written to the database (enums as their text, JSON columns as JSON).</summary>
    static JsonObject Values(EntityEntry entry, bool original)
    {
        var row = new JsonObject();
        foreach (var property in entry.Metadata.GetProperties())
        {
            // The row version (xmin) is PostgreSQL's, not a value anyone wrote.
            if (property.IsConcurrencyToken && property.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
                continue;
            var value = original ? entry.OriginalValues[property] : entry.CurrentValues[property];
            var stored = value is null ? null : property.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;
            row[property.GetColumnName()] = stored switch
            {
                null => null,
                string json when property.GetColumnType() == "jsonb" => JsonNode.Parse(json),
                _ => JsonSerializer.SerializeToNode(stored, stored.GetType()),
            };
        }
        return row;
    }

    static string? Column(EntityEntry entry, string column) =>
        entry.Metadata.GetProperties().FirstOrDefault(p => p.GetColumnName() == column) is { } property
            ? entry.Property(property.Name).CurrentValue as string
            : null;

    // Members carry no commune code of their own; their household, tracked with them, does.
    static string? CommuneOfHousehold(DbContext db, EntityEntry entry) =>
        entry.Entity is Member member
            ? db.ChangeTracker.Entries<Household>().FirstOrDefault(h => h.Entity.Id == member.HouseholdId)?.Entity.CommuneCode
            : null;
}
