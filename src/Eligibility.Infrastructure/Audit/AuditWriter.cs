using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Eligibility.Infrastructure.Audit;

/// <summary>One audit entry as the application hands it over; the database adds id, time and the chain hashes.</summary>
sealed record AuditRecord(
    string Action, string Entity, string? EntityId, string? CommuneCode, string? ProvinceCode,
    JsonNode? Before, JsonNode? After, IReadOnlyList<string>? IdsRead = null);

/// <summary>Appends entries on the connection and transaction of the change they record, so they commit or roll back with it.</summary>
static class AuditWriter
{
    const string Insert = """
        INSERT INTO audit_log (subject, role, action, entity, entity_id, ids_read, commune_code, province_code, request_path, before, after)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    public static async Task Append(NpgsqlConnection connection, NpgsqlTransaction? transaction, IAuditActor actor,
        IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
            return;
        await using var batch = Batch(connection, transaction, records.Select(r => (actor, r)));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Entries of different actors (each as captured when its entry was made), in list order, in one round trip. Without
    /// a <paramref name="transaction"/> the batch is one implicit transaction: all entries are written, or none.
    /// </summary>
    public static async Task Append(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<(IAuditActor Actor, AuditRecord Record)> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
            return;
        await using var batch = Batch(connection, transaction, entries);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public static void AppendSync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IAuditActor actor, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
            return;
        using var batch = Batch(connection, transaction, records.Select(r => (actor, r)));
        batch.ExecuteNonQuery();
    }

    static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<(IAuditActor Actor, AuditRecord Record)> entries)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (actor, r) in entries)
        {
            var command = new NpgsqlBatchCommand(Insert);
            command.Parameters.Add(Text(actor.Subject));
            command.Parameters.Add(Text(actor.Role));
            command.Parameters.Add(Text(r.Action));
            command.Parameters.Add(Text(r.Entity));
            command.Parameters.Add(Text(r.EntityId));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = r.IdsRead?.ToArray() ?? (object)DBNull.Value });
            command.Parameters.Add(Text(r.CommuneCode));
            command.Parameters.Add(Text(r.ProvinceCode));
            command.Parameters.Add(Text(actor.Operation));
            command.Parameters.Add(Json(r.Before));
            command.Parameters.Add(Json(r.After));
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value ?? (object)DBNull.Value };

    static NpgsqlParameter Json(JsonNode? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value?.ToJsonString() ?? (object)DBNull.Value };
}
