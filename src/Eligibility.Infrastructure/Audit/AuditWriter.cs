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
    // Every entry of a call in one statement, in list order: one parameter (a JSON array of the entries), so the text is
    // constant and prepared once per connection, and the chain's head is moved once per statement (migration 0012).
    const string Insert = """
        INSERT INTO audit_log (subject, role, action, entity, entity_id, ids_read, commune_code, province_code, request_path, before, after)
        SELECT e.subject, e.role, e.action, e.entity, e.entity_id, e.ids_read, e.commune_code, e.province_code, e.request_path, e.before, e.after
        FROM jsonb_populate_recordset(NULL::audit_log, $1) WITH ORDINALITY AS e
        ORDER BY e.ordinality
        """;

    public static Task Append(NpgsqlConnection connection, NpgsqlTransaction? transaction, IAuditActor actor,
        IReadOnlyList<AuditRecord> records, CancellationToken ct) =>
        Append(connection, transaction, records.Select(r => (actor, r)).ToList(), ct);

    /// <summary>
    /// Entries of different actors (each as captured when its entry was made), in list order, in one statement. Without
    /// a <paramref name="transaction"/> the statement is its own transaction: all entries are written, or none.
    /// </summary>
    public static async Task Append(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<(IAuditActor Actor, AuditRecord Record)> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
            return;
        await using var command = Command(connection, transaction, entries);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static void AppendSync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IAuditActor actor, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
            return;
        using var command = Command(connection, transaction, records.Select(r => (actor, r)).ToList());
        command.ExecuteNonQuery();
    }

    static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(IAuditActor Actor, AuditRecord Record)> entries)
    {
        var rows = new JsonArray();
        foreach (var (actor, r) in entries)
            rows.Add(new JsonObject
            {
                ["subject"] = actor.Subject,
                ["role"] = actor.Role,
                ["action"] = r.Action,
                ["entity"] = r.Entity,
                ["entity_id"] = r.EntityId,
                ["ids_read"] = r.IdsRead is null ? null : new JsonArray([.. r.IdsRead.Select(id => JsonValue.Create(id))]),
                ["commune_code"] = r.CommuneCode,
                ["province_code"] = r.ProvinceCode,
                ["request_path"] = actor.Operation,
                ["before"] = r.Before?.DeepClone(),
                ["after"] = r.After?.DeepClone(),
            });
        return new NpgsqlCommand(Insert, connection, transaction)
        {
            Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = rows.ToJsonString() } },
        };
    }
}
