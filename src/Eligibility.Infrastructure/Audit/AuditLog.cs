using System.Data;
using System.Text.Json;
using Eligibility.Application.Audit;
using Npgsql;

namespace Eligibility.Infrastructure.Audit;

sealed class AuditLog(NpgsqlDataSource dataSource, IAuditActor actor, AuditReadBatcher batcher) : IAuditLog
{
    const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Completes once the entry is committed (group commit with other reads, <see cref="AuditReadBatcher"/>); throws if it
    /// could not be, so the caller sends nothing. The actor is captured here, in the caller's request.
    /// </summary>
    public Task RecordRead(PersonalDataRead read, CancellationToken ct) =>
        batcher.Append(actor, new AuditRecord(AuditActions.Read, read.Entity, read.EntityId, read.CommuneCode, read.ProvinceCode, null, null, read.IdsRead), ct);

    public async Task<AuditPage> Find(AuditQuery query, CancellationToken ct)
    {
        // Only fixed SQL fragments go into the text; every value is a parameter.
        var filter = "id > @after";
        await using var cmd = dataSource.CreateCommand();
        cmd.Parameters.AddWithValue("after", query.AfterId);
        cmd.Parameters.AddWithValue("limit", query.PageSize + 1);
        void Add(string condition, string name, object? value)
        {
            if (value is null)
                return;
            filter += $" AND {condition}";
            cmd.Parameters.AddWithValue(name, value);
        }
        Add("entity = @entity", "entity", query.Entity);
        Add("(entity_id = @entityId OR ids_read @> ARRAY[@entityId]::text[])", "entityId", query.EntityId);
        Add("subject = @subject", "subject", query.Subject);
        Add("action = @action", "action", query.Action);
        Add("at >= @from", "from", query.From);
        Add("at <= @to", "to", query.To);
        cmd.CommandText = $"""
            SELECT id, at, subject, role, action, entity, entity_id, ids_read, commune_code, province_code, request_path,
                   before::text, after::text, prev_hash, hash
            FROM audit_log
            WHERE {filter}
            ORDER BY id
            LIMIT @limit
            """;

        var items = new List<AuditEntryResponse>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new AuditEntryResponse(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Text(reader, 6), reader.IsDBNull(7) ? null : reader.GetFieldValue<string[]>(7),
                Text(reader, 8), Text(reader, 9), Text(reader, 10),
                Json(reader, 11), Json(reader, 12), reader.GetString(13), reader.GetString(14)));
        if (items.Count <= query.PageSize)
            return new AuditPage(items, null);
        items.RemoveAt(items.Count - 1);
        return new AuditPage(items, items[^1].Id);
    }

    public async Task<ChainVerification> Verify(CheckpointResponse? anchor, bool fromStart, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // One snapshot for the walk and the head, so entries written meanwhile are simply not part of this check.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

        long? anchorId = anchor?.LastId;
        string AnchorBroken() =>
            $"Entry {anchorId} no longer has the hash the checkpoint of {anchor!.Time:O} signed ({anchor.LastHash}), or is missing: " +
            "the chain was rewritten or cut after that checkpoint.";
        long entries = 0;
        long? brokenId = null, lastId = null;
        string? reason = null;
        string lastHash = Genesis;
        // The database recomputes each hash with the very function its insert trigger used; rows stream one at a time.
        await using (var walk = new NpgsqlCommand("SELECT id, prev_hash, hash, audit_log_hash(a) FROM audit_log a WHERE id >= @from ORDER BY id", connection, tx))
        {
            walk.Parameters.AddWithValue("from", fromStart ? 0L : anchorId ?? 0L);
            await using var reader = await walk.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                entries++;
                long id = reader.GetInt64(0);
                string prevHash = reader.GetString(1), hash = reader.GetString(2), recomputed = reader.GetString(3);
                // From a checkpoint, its entry is where the chain is known good: its predecessor is not read.
                bool isAnchorStart = !fromStart && entries == 1 && anchorId is not null;
                if (brokenId is null && (isAnchorStart || id == anchorId) && (id != anchorId || hash != anchor!.LastHash))
                    (brokenId, reason) = (anchorId, AnchorBroken());
                else if (brokenId is null && !isAnchorStart && prevHash != lastHash)
                    (brokenId, reason) = (id, lastId is null
                        ? "prev_hash is not the genesis hash, yet no entry comes before this one: earlier entries were removed."
                        : $"prev_hash does not match the hash of entry {lastId}: an entry between them was removed, or that hash was altered.");
                else if (brokenId is null && recomputed != hash)
                    (brokenId, reason) = (id, "The hash does not match the entry's content: the entry was altered after it was written.");
                lastId = id;
                lastHash = hash;
            }
        }
        // The chain ends before the entry a checkpoint saw: entries were removed from the end since.
        if (brokenId is null && anchorId is not null && (lastId is null || lastId < anchorId))
            (brokenId, reason) = (anchorId, AnchorBroken());

        await using (var head = new NpgsqlCommand("SELECT last_id, last_hash FROM audit_chain_head", connection, tx))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
                (brokenId, reason) = (brokenId ?? lastId, reason ?? "The chain head is missing.");
            else
            {
                long? headId = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                if (brokenId is null && (headId != lastId || reader.GetString(1) != lastHash))
                    (brokenId, reason) = (headId ?? lastId,
                        $"The chain ends at entry {lastId?.ToString() ?? "(none)"}, but the last entry written was {headId?.ToString() ?? "(none)"}: " +
                        "entries were removed from the end.");
            }
        }
        await tx.CommitAsync(ct);
        return new ChainVerification(brokenId is null, entries, brokenId, reason, lastId, lastHash,
            fromStart || anchorId is null ? VerifyFrom.Start : VerifyFrom.Checkpoint, anchor);
    }

    static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    static JsonElement? Json(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }
}
