using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Eligibility.Application.Common;
using Eligibility.Application.Confirmation;
using Eligibility.Domain.Common;
using Eligibility.Domain.Confirmation;
using Eligibility.Domain.Policy;
using Eligibility.Infrastructure.Audit;
using Eligibility.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Eligibility.Infrastructure.Confirmation;

public static class ConfirmationInfrastructure
{
    public static IServiceCollection AddConfirmationStore(this IServiceCollection services) =>
        services.AddScoped<IConfirmationStore, ConfirmationStore>();
}

/// <summary>
/// Lists in plain SQL: each change runs in the request's transaction (with its idempotency key) holding the list's row
/// lock, and records its audit entries in that transaction. The list row's xmin is its version; deciding a line touches the row, so the ETag covers its lines.
/// </summary>
sealed class ConfirmationStore(NpgsqlDataSource dataSource, RequestSession session, IAuditActor actor) : IConfirmationStore
{
    const string CandidateSql = """
        SELECT r.id, r.household_id, r.province_code, r.group_id, r.association_id, r.borrower_member_id, r.borrower_name,
               h.village_id, v.name, r.programme_code, r.amount, r.purpose, r.term_months
        FROM loan_requests r
        JOIN households h ON h.id = r.household_id
        JOIN villages v ON v.id = h.village_id
        WHERE r.commune_code = @commune AND (@programme::text IS NULL OR r.programme_code = @programme)
          AND ((r.status = 'approved' AND NOT EXISTS (
                    SELECT 1 FROM confirmation_lines l JOIN confirmation_lists cl ON cl.id = l.list_id
                    WHERE l.request_id = r.id AND cl.status = 'draft'))
               OR r.id IN (SELECT l.request_id FROM confirmation_lines l WHERE l.list_id = @replaces))
        """;

    public async Task<IReadOnlyList<CandidateRequest>> Candidates(string communeCode, string? programme, Guid? replaces, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(CandidateSql + " ORDER BY v.name, r.borrower_name, r.filed_on, r.id");
        AddCandidateParameters(cmd, communeCode, programme, replaces);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<CandidateRequest>();
        while (await reader.ReadAsync(ct))
            result.Add(new CandidateRequest(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetGuid(4),
                reader.GetGuid(5), reader.GetString(6), reader.GetGuid(7), reader.GetString(8), reader.GetString(9), reader.GetDecimal(10),
                reader.GetString(11), reader.GetInt32(12)));
        return result;
    }

    static void AddCandidateParameters(NpgsqlCommand cmd, string commune, string? programme, Guid? replaces)
    {
        cmd.Parameters.AddWithValue("commune", commune);
        cmd.Parameters.Add(new NpgsqlParameter("programme", NpgsqlDbType.Text) { Value = (object?)programme ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("replaces", NpgsqlDbType.Uuid) { Value = (object?)replaces ?? DBNull.Value });
    }

    public async Task<Result<StoredList>> Create(ConfirmationList list, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await session.Begin(ct);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        // Compilations of one commune queue here, so a request never lands on two drafts.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('confirmation-list:' || @commune, 0))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("commune", list.CommuneCode);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await using (var check = new NpgsqlCommand($"SELECT count(*) FROM ({CandidateSql} AND r.id = ANY (@ids)) c", connection, tx))
        {
            AddCandidateParameters(check, list.CommuneCode, list.Programme, list.Replaces);
            check.Parameters.AddWithValue("ids", list.Lines.Select(l => l.RequestId).ToArray());
            if ((long)(await check.ExecuteScalarAsync(ct))! != list.Lines.Count)
                return Error.Conflict("requests-changed", "Some requests changed (decided, withdrawn or put on another list) while the list was compiled; compile it again.");
        }
        if (list.Replaces is { } replaced)
        {
            await using var taken = new NpgsqlCommand("SELECT id FROM confirmation_lists WHERE replaces = @replaced", connection, tx);
            taken.Parameters.AddWithValue("replaced", replaced);
            if (await taken.ExecuteScalarAsync(ct) is Guid by)
                return Error.Conflict("already-replaced", $"The list {replaced} is already corrected by the list {by}; correct that one instead.");
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO confirmation_lists (id, province_code, commune_code, programme_code, as_of, replaces, status, created_by, created_at, updated_at)
            VALUES (@id, @province, @commune, @programme, @asOf, @replaces, 'draft', @by, @now, @now);
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("id", list.Id);
            insert.Parameters.AddWithValue("province", list.ProvinceCode);
            insert.Parameters.AddWithValue("commune", list.CommuneCode);
            insert.Parameters.Add(new NpgsqlParameter("programme", NpgsqlDbType.Text) { Value = (object?)list.Programme ?? DBNull.Value });
            insert.Parameters.AddWithValue("asOf", list.AsOf);
            insert.Parameters.Add(new NpgsqlParameter("replaces", NpgsqlDbType.Uuid) { Value = (object?)list.Replaces ?? DBNull.Value });
            insert.Parameters.AddWithValue("by", createdBy);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(ct);
        }
        if (list.Lines.Count > 0)
        {
            // One statement for every line, whatever their number.
            var lines = list.Lines;
            await using var insertLines = new NpgsqlCommand("""
                INSERT INTO confirmation_lines (id, list_id, stt, request_id, household_id, province_code, group_id, association_id, borrower_name,
                    village_id, village_name, category, programme_code, amount, purpose, term_months, flags)
                SELECT u.id, @list, u.stt, u.request, u.household, u.province, u.grp, u.association, u.borrower, u.village, u.village_name,
                       u.category, u.programme, u.amount, u.purpose, u.term, u.flags::jsonb
                FROM unnest(@ids, @stts, @requests, @households, @provinces, @groups, @associations, @borrowers, @villages, @villageNames,
                            @categories, @programmes, @amounts, @purposes, @terms, @flags)
                     AS u(id, stt, request, household, province, grp, association, borrower, village, village_name, category, programme, amount, purpose, term, flags)
                """, connection, tx);
            insertLines.Parameters.AddWithValue("list", list.Id);
            insertLines.Parameters.AddWithValue("ids", lines.Select(l => l.Id).ToArray());
            insertLines.Parameters.AddWithValue("stts", lines.Select(l => l.Stt).ToArray());
            insertLines.Parameters.AddWithValue("requests", lines.Select(l => l.RequestId).ToArray());
            insertLines.Parameters.AddWithValue("households", lines.Select(l => l.HouseholdId).ToArray());
            insertLines.Parameters.AddWithValue("provinces", lines.Select(l => l.ProvinceCode).ToArray());
            insertLines.Parameters.AddWithValue("groups", lines.Select(l => l.GroupId).ToArray());
            insertLines.Parameters.AddWithValue("associations", lines.Select(l => l.AssociationId).ToArray());
            insertLines.Parameters.AddWithValue("borrowers", lines.Select(l => l.BorrowerName).ToArray());
            insertLines.Parameters.AddWithValue("villages", lines.Select(l => l.VillageId).ToArray());
            insertLines.Parameters.AddWithValue("villageNames", lines.Select(l => l.VillageName).ToArray());
            insertLines.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text)
                { Value = lines.Select(l => l.Category?.Code()).ToArray() });
            insertLines.Parameters.AddWithValue("programmes", lines.Select(l => l.Programme).ToArray());
            insertLines.Parameters.AddWithValue("amounts", lines.Select(l => l.Amount).ToArray());
            insertLines.Parameters.AddWithValue("purposes", lines.Select(l => l.Purpose).ToArray());
            insertLines.Parameters.AddWithValue("terms", lines.Select(l => l.TermMonths).ToArray());
            insertLines.Parameters.AddWithValue("flags", lines.Select(l => JsonSerializer.Serialize(l.Flags.Select(f => new { code = f.Code, vi = f.MessageVi, en = f.MessageEn }))).ToArray());
            await insertLines.ExecuteNonQueryAsync(ct);
        }
        await AuditWriter.Append(connection, tx, actor,
        [
            new AuditRecord(AuditActions.Create, "confirmation-list", list.Id.ToString(), list.CommuneCode, list.ProvinceCode, null, new JsonObject
            {
                ["programme_code"] = list.Programme, ["as_of"] = list.AsOf.ToString("yyyy-MM-dd"), ["replaces"] = list.Replaces?.ToString(),
                ["lines"] = new JsonArray(list.Lines.Select(l => (JsonNode)new JsonObject
                {
                    ["id"] = l.Id.ToString(), ["stt"] = l.Stt, ["request_id"] = l.RequestId.ToString(), ["flagged"] = l.Flagged,
                }).ToArray()),
            }),
        ], ct);
        var stored = await Find(connection, tx, list.Id, withLines: true, null, forUpdate: false, ct);
        await scope.Commit(ct);
        return stored!;
    }

    public async Task<StoredList?> Find(Guid id, bool withLines, IReadOnlySet<Guid>? onlyAssociations, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await Find(connection, null, id, withLines, onlyAssociations, forUpdate: false, ct);
    }

    const string HeaderColumns = """
        l.id, l.commune_code, l.province_code, l.programme_code, l.as_of, l.replaces, l.decision_number, l.decision_date, l.signer,
        l.content_hash, l.signed_at, l.created_at, l.xmin::text::bigint, (SELECT c.id FROM confirmation_lists c WHERE c.replaces = l.id)
        """;

    const string LineColumns = """
        id, stt, request_id, household_id, province_code, group_id, association_id, borrower_name, village_id, village_name, category,
        programme_code, amount, purpose, term_months, flags::text, result, reason
        """;

    static async Task<StoredList?> Find(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid id, bool withLines,
        IReadOnlySet<Guid>? onlyAssociations, bool forUpdate, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT {HeaderColumns} FROM confirmation_lists l WHERE l.id = $1{(forUpdate ? " FOR UPDATE" : "")}")
            { Parameters = { new NpgsqlParameter { Value = id } } });
        if (withLines)
            batch.BatchCommands.Add(LinesCommand(id, onlyAssociations));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var signature = reader.IsDBNull(6) ? null : new ListSignature(reader.GetString(6), reader.GetFieldValue<DateOnly>(7), reader.GetString(8),
            reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10));
        var header = (Id: reader.GetGuid(0), Commune: reader.GetString(1), Province: reader.GetString(2), Programme: reader.IsDBNull(3) ? null : reader.GetString(3),
            AsOf: reader.GetFieldValue<DateOnly>(4), Replaces: reader.IsDBNull(5) ? (Guid?)null : reader.GetGuid(5),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(11), Version: (uint)reader.GetInt64(12), ReplacedBy: reader.IsDBNull(13) ? (Guid?)null : reader.GetGuid(13));
        var lines = new List<ConfirmationLine>();
        if (withLines && await reader.NextResultAsync(ct))
            while (await reader.ReadAsync(ct))
                lines.Add(ReadLine(reader));
        var list = ConfirmationList.Restore(header.Id, header.Commune, header.Province, header.Programme, header.AsOf, header.Replaces, signature, lines);
        return new StoredList(list, header.Version, header.ReplacedBy, header.CreatedAt);
    }

    static NpgsqlBatchCommand LinesCommand(Guid id, IReadOnlySet<Guid>? onlyAssociations) =>
        new($"SELECT {LineColumns} FROM confirmation_lines WHERE list_id = $1 AND ($2::uuid[] IS NULL OR association_id = ANY ($2)) ORDER BY stt")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = id },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = (object?)onlyAssociations?.ToArray() ?? DBNull.Value },
            },
        };

    static ConfirmationLine ReadLine(DbDataReader r)
    {
        var flags = JsonNode.Parse(r.GetString(15))!.AsArray()
            .Select(f => new LineFlag((string)f!["code"]!, (string)f["vi"]!, (string)f["en"]!)).ToList();
        Classifications.TryParse(r.IsDBNull(10) ? null : r.GetString(10), out var category);
        var line = new ConfirmationLine
        {
            Id = r.GetGuid(0), Stt = r.GetInt32(1), RequestId = r.GetGuid(2), HouseholdId = r.GetGuid(3), ProvinceCode = r.GetString(4),
            GroupId = r.GetGuid(5), AssociationId = r.GetGuid(6), BorrowerName = r.GetString(7), VillageId = r.GetGuid(8), VillageName = r.GetString(9),
            Category = r.IsDBNull(10) ? null : category, Programme = r.GetString(11), Amount = r.GetDecimal(12), Purpose = r.GetString(13),
            TermMonths = r.GetInt32(14), Flags = flags,
        };
        line.RestoreDecision(r.IsDBNull(16) ? null : r.GetString(16) == "refused" ? LineResult.Refused : LineResult.Confirmed, r.IsDBNull(17) ? null : r.GetString(17));
        return line;
    }

    public async Task<Result<StoredList>> Change(Guid id, Func<StoredList, Result<ListChange>> change, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await session.Begin(ct);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        if (await Find(connection, tx, id, withLines: true, null, forUpdate: true, ct) is not { } stored)
            return Error.NotFound("Confirmation list");
        var changed = change(stored);
        if (!changed.IsSuccess)
            return Result<StoredList>.Failure(changed.Errors);
        var list = stored.List;
        switch (changed.Value)
        {
            case ListChange.LineDecided(var line):
                await using (var cmd = new NpgsqlCommand("""
                    UPDATE confirmation_lines SET result = @result, reason = @reason WHERE id = @line AND list_id = @list;
                    UPDATE confirmation_lists SET updated_at = @now WHERE id = @list;
                    """, connection, tx))
                {
                    cmd.Parameters.AddWithValue("result", ConfirmationCanonical.ResultCode(line.Result));
                    cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)line.Reason ?? DBNull.Value });
                    cmd.Parameters.AddWithValue("line", line.Id);
                    cmd.Parameters.AddWithValue("list", list.Id);
                    cmd.Parameters.AddWithValue("now", now);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await AuditWriter.Append(connection, tx, actor,
                [
                    new AuditRecord(AuditActions.Update, "confirmation-line", line.Id.ToString(), list.CommuneCode, list.ProvinceCode, null,
                        new JsonObject { ["list_id"] = list.Id.ToString(), ["stt"] = line.Stt, ["result"] = ConfirmationCanonical.ResultCode(line.Result), ["reason"] = line.Reason }),
                ], ct);
                break;
            case ListChange.Signed(var signature):
                // The requests move with the signature; each must still be where compiling found it.
                await using (var requests = new NpgsqlCommand("""
                    UPDATE loan_requests r SET status = l.result, updated_at = @now
                    FROM confirmation_lines l
                    WHERE l.list_id = @list AND r.id = l.request_id
                      AND (r.status = 'approved' OR r.id IN (SELECT p.request_id FROM confirmation_lines p WHERE p.list_id = @replaces))
                    """, connection, tx))
                {
                    requests.Parameters.AddWithValue("list", list.Id);
                    requests.Parameters.AddWithValue("now", now);
                    requests.Parameters.Add(new NpgsqlParameter("replaces", NpgsqlDbType.Uuid) { Value = (object?)list.Replaces ?? DBNull.Value });
                    if (await requests.ExecuteNonQueryAsync(ct) != list.Lines.Count)
                        return Error.Conflict("requests-changed",
                            "Some requests on the list were withdrawn or decided elsewhere since it was compiled; compile a new list.");
                }
                await using (var sign = new NpgsqlCommand("""
                    UPDATE confirmation_lists SET status = 'signed', decision_number = @number, decision_date = @date, signer = @signer,
                        content_hash = @hash, signed_at = @signedAt, updated_at = @now
                    WHERE id = @list
                    """, connection, tx))
                {
                    sign.Parameters.AddWithValue("number", signature.Number);
                    sign.Parameters.AddWithValue("date", signature.Date);
                    sign.Parameters.AddWithValue("signer", signature.Signer);
                    sign.Parameters.AddWithValue("hash", signature.ContentHash);
                    sign.Parameters.AddWithValue("signedAt", signature.SignedAt);
                    sign.Parameters.AddWithValue("now", now);
                    sign.Parameters.AddWithValue("list", list.Id);
                    await sign.ExecuteNonQueryAsync(ct);
                }
                await AuditWriter.Append(connection, tx, actor,
                [
                    new AuditRecord(AuditActions.Update, "confirmation-list", list.Id.ToString(), list.CommuneCode, list.ProvinceCode,
                        new JsonObject { ["status"] = "draft" },
                        new JsonObject
                        {
                            ["status"] = "signed", ["decision_number"] = signature.Number, ["decision_date"] = signature.Date.ToString("yyyy-MM-dd"),
                            ["signer"] = signature.Signer, ["content_hash"] = signature.ContentHash,
                        }),
                    .. list.Lines.Select(l => new AuditRecord(AuditActions.Update, "loan-request", l.RequestId.ToString(), list.CommuneCode, list.ProvinceCode,
                        null, new JsonObject { ["status"] = ConfirmationCanonical.ResultCode(l.Result), ["confirmation_list_id"] = list.Id.ToString() })),
                ], ct);
                break;
        }
        var after = await Find(connection, tx, id, withLines: true, null, forUpdate: false, ct);
        await scope.Commit(ct);
        return after!;
    }

    public async Task<Result<StoredList>> Discard(Guid id, Func<StoredList, Error?> refusal, CancellationToken ct)
    {
        await using var scope = await session.Begin(ct);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        if (await Find(connection, tx, id, withLines: true, null, forUpdate: true, ct) is not { } stored)
            return Error.NotFound("Confirmation list");
        if (refusal(stored) is { } refused)
            return refused;
        var list = stored.List;
        await using (var delete = new NpgsqlCommand("""
            DELETE FROM confirmation_lines WHERE list_id = @list;
            DELETE FROM confirmation_lists WHERE id = @list;
            """, connection, tx))
        {
            delete.Parameters.AddWithValue("list", list.Id);
            await delete.ExecuteNonQueryAsync(ct);
        }
        // What was deleted: enough to tell which requests it held and how far it had got.
        await AuditWriter.Append(connection, tx, actor,
        [
            new AuditRecord(AuditActions.Delete, "confirmation-list", list.Id.ToString(), list.CommuneCode, list.ProvinceCode,
                new JsonObject
                {
                    ["status"] = "draft", ["programme"] = list.Programme, ["as_of"] = list.AsOf.ToString("yyyy-MM-dd"),
                    ["replaces"] = list.Replaces?.ToString(),
                    ["lines"] = new JsonArray([.. list.Lines.Select(l => new JsonObject
                    {
                        ["request_id"] = l.RequestId.ToString(), ["result"] = l.Result is null ? null : ConfirmationCanonical.ResultCode(l.Result),
                    })]),
                }, null),
        ], ct);
        await scope.Commit(ct);
        return stored;
    }

    public async Task<Paged<ConfirmationListSummary>> OfCommune(ListsQuery query, CancellationToken ct)
    {
        const string Where = """
            l.commune_code = $1 AND ($2::uuid[] IS NULL OR EXISTS (
                SELECT 1 FROM confirmation_lines x WHERE x.list_id = l.id AND x.association_id = ANY ($2)))
            """;
        await using var batch = dataSource.CreateBatch();
        NpgsqlParameter[] Parameters() =>
        [
            new() { Value = query.CommuneCode },
            new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = (object?)query.OnlyAssociations?.ToArray() ?? DBNull.Value },
        ];
        var page = new NpgsqlBatchCommand($"""
            SELECT {HeaderColumns},
                   (SELECT count(*) FROM confirmation_lines x WHERE x.list_id = l.id AND ($2::uuid[] IS NULL OR x.association_id = ANY ($2)))
            FROM confirmation_lists l WHERE {Where}
            ORDER BY l.created_at DESC, l.id DESC LIMIT $3 OFFSET $4
            """);
        page.Parameters.AddRange(Parameters());
        page.Parameters.Add(new NpgsqlParameter { Value = query.Page.PageSize });
        page.Parameters.Add(new NpgsqlParameter { Value = query.Page.Offset });
        batch.BatchCommands.Add(page);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM confirmation_lists l WHERE {Where}");
        count.Parameters.AddRange(Parameters());
        batch.BatchCommands.Add(count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var items = new List<ConfirmationListSummary>();
        while (await reader.ReadAsync(ct))
        {
            var signature = reader.IsDBNull(6) ? null : new SignatureResponse(reader.GetString(6), reader.GetFieldValue<DateOnly>(7), reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(10));
            items.Add(new ConfirmationListSummary(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4), signature is null ? ConfirmationListStatus.Draft : ConfirmationListStatus.Signed,
                reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.IsDBNull(13) ? null : reader.GetGuid(13), signature,
                reader.IsDBNull(9) ? null : reader.GetString(9), (int)reader.GetInt64(14), reader.GetFieldValue<DateTimeOffset>(11)));
        }
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new Paged<ConfirmationListSummary>(items, query.Page.Page, query.Page.PageSize, reader.GetInt64(0));
    }

    public async Task<bool> AnyAssociationIn(string communeCode, IReadOnlySet<Guid> associations, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM associations WHERE commune_code = $1 AND id = ANY ($2))");
        cmd.Parameters.Add(new NpgsqlParameter { Value = communeCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = associations.ToArray() });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async IAsyncEnumerable<ConfirmationLine> StreamLines(Guid listId, IReadOnlySet<Guid>? onlyAssociations, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { LinesCommand(listId, onlyAssociations) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return ReadLine(reader);
    }
}
