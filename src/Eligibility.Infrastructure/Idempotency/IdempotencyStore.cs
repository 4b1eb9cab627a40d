using System.Data;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Eligibility.Infrastructure.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key and its response are kept; at least 24 hours.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>How long a duplicate waits for the first request with its key to finish before answering 409.</summary>
    public double WaitSeconds { get; set; } = 5;

    /// <summary>How often expired keys are deleted.</summary>
    public double CleanupIntervalMinutes { get; set; } = 60;

    public TimeSpan Retention => TimeSpan.FromHours(Math.Max(24, RetentionHours));
    public TimeSpan Wait => TimeSpan.FromSeconds(Math.Max(0, WaitSeconds));
    public TimeSpan CleanupInterval => TimeSpan.FromMinutes(Math.Max(1, CleanupIntervalMinutes));
}

/// <summary>
/// What identifies a request made with an Idempotency-Key: its key within the caller's keys, what it asked, and the
/// fingerprint of the role and scope claims it was asked with.
/// </summary>
public sealed record IdempotentRequest(string Subject, string Key, string Method, string Route, string Path, byte[] BodyHash, byte[] Fingerprint)
{
    public bool SameAs(StoredResponse stored) =>
        stored.Method == Method && stored.Path == Path && stored.BodyHash.AsSpan().SequenceEqual(BodyHash);
}

public sealed record IdempotentResponse(int StatusCode, string? Location, string? ETag, string? ContentType, byte[] Body);

public sealed record StoredResponse(string Method, string Path, byte[] BodyHash, IdempotentResponse Response);

public enum ClaimOutcome { Claimed, Stored, Busy }

public sealed record IdempotencyClaim(ClaimOutcome Outcome, StoredResponse? Stored = null);

/// <summary>
/// Keys and their first responses. <see cref="Claim"/> opens the transaction the request's own change then runs in
/// (the stores' SaveChanges join it, under a savepoint), and <see cref="Complete"/> records the response in it and
/// commits: the change and its recorded response are stored together or not at all. A transaction-scoped advisory
/// lock on the key makes a concurrent duplicate wait for the first to finish, then read its response.
/// </summary>
public sealed class IdempotencyStore(EligibilityDbContext db, RequestSession session, IdempotencyOptions options, TimeProvider clock)
{
    IDbContextTransaction? transaction;
    bool recordResponse;

    NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();
    NpgsqlTransaction Transaction => (NpgsqlTransaction)transaction!.GetDbTransaction();

    public async Task<IdempotencyClaim> Claim(IdempotentRequest request, CancellationToken ct)
    {
        transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (!await Lock(request, ct))
        {
            await Abandon();
            return new(ClaimOutcome.Busy);
        }

        await using var find = new NpgsqlCommand("""
            SELECT method, path, request_hash, status_code, location, etag, content_type, response_body, fingerprint
            FROM idempotency_keys WHERE subject = @subject AND key = @key AND expires_at > @now
            """, Connection, Transaction);
        find.Parameters.AddWithValue("subject", request.Subject);
        find.Parameters.AddWithValue("key", request.Key);
        find.Parameters.AddWithValue("now", clock.GetUtcNow());
        recordResponse = true;
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                // A response recorded for other role or scope claims (a narrowed token of the same subject) is not for
                // these to see: the request runs afresh, as a new one, and the key keeps the first claims' response.
                if (!reader.IsDBNull(8) && !((byte[])reader[8]).AsSpan().SequenceEqual(request.Fingerprint))
                {
                    recordResponse = false;
                    return new(ClaimOutcome.Claimed);
                }
                var stored = new StoredResponse(reader.GetString(0), reader.GetString(1), (byte[])reader[2], new IdempotentResponse(
                    reader.GetInt32(3), Text(reader, 4), Text(reader, 5), Text(reader, 6), (byte[])reader[7]));
                await reader.DisposeAsync();
                await Abandon();
                return new(ClaimOutcome.Stored, stored);
            }
        }
        return new(ClaimOutcome.Claimed);
    }

    /// <summary>
    /// Records the response of a claimed request (unless the key holds another claims' response) and commits it together
    /// with the request's change.
    /// </summary>
    public async Task Complete(IdempotentRequest request, IdempotentResponse response, CancellationToken ct)
    {
        if (recordResponse)
            await Record(request, response, ct);
        await transaction!.CommitAsync(ct);
        await DisposeTransaction();
        session.Ended(committed: true);
    }

    async Task Record(IdempotentRequest request, IdempotentResponse response, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only an expired row can be in the way here (a live one was found under the lock): take it over.
        await using var save = new NpgsqlCommand("""
            INSERT INTO idempotency_keys (subject, key, method, route, path, request_hash, status_code, location, etag, content_type,
                                          response_body, created_at, expires_at, fingerprint)
            VALUES (@subject, @key, @method, @route, @path, @hash, @status, @location, @etag, @contentType, @body, @now, @expires, @fingerprint)
            ON CONFLICT (subject, key) DO UPDATE SET method = EXCLUDED.method, route = EXCLUDED.route, path = EXCLUDED.path,
                request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code, location = EXCLUDED.location,
                etag = EXCLUDED.etag, content_type = EXCLUDED.content_type, response_body = EXCLUDED.response_body,
                created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, fingerprint = EXCLUDED.fingerprint
            """, Connection, Transaction);
        save.Parameters.AddWithValue("subject", request.Subject);
        save.Parameters.AddWithValue("key", request.Key);
        save.Parameters.AddWithValue("method", request.Method);
        save.Parameters.AddWithValue("route", request.Route);
        save.Parameters.AddWithValue("path", request.Path);
        save.Parameters.AddWithValue("hash", NpgsqlDbType.Bytea, request.BodyHash);
        save.Parameters.AddWithValue("status", response.StatusCode);
        save.Parameters.AddWithValue("location", (object?)response.Location ?? DBNull.Value);
        save.Parameters.AddWithValue("etag", (object?)response.ETag ?? DBNull.Value);
        save.Parameters.AddWithValue("contentType", (object?)response.ContentType ?? DBNull.Value);
        save.Parameters.AddWithValue("body", NpgsqlDbType.Bytea, response.Body);
        save.Parameters.AddWithValue("now", now);
        save.Parameters.AddWithValue("expires", now + options.Retention);
        save.Parameters.AddWithValue("fingerprint", NpgsqlDbType.Bytea, request.Fingerprint);
        await save.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rolls back the request's change and frees its key, so that a retry runs it afresh.</summary>
    public async Task Abandon()
    {
        if (transaction is null)
            return;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone (and the transaction with it): nothing was committed.
        }
        await DisposeTransaction();
        session.Ended(committed: false);
    }

    async Task DisposeTransaction()
    {
        await transaction!.DisposeAsync();
        transaction = null;
    }

    /// <summary>Takes the key's lock, polling until the configured wait runs out.</summary>
    async Task<bool> Lock(IdempotentRequest request, CancellationToken ct)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended(@lock, 0))", Connection, Transaction);
        tryLock.Parameters.AddWithValue("lock", $"idempotency\n{request.Subject}\n{request.Key}");
        var deadline = clock.GetUtcNow() + options.Wait;
        while (true)
        {
            if ((bool)(await tryLock.ExecuteScalarAsync(ct))!)
                return true;
            if (clock.GetUtcNow() >= deadline)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(25), clock, ct);
        }
    }

    static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
