using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;

namespace Eligibility.Api.Tests;

/// <summary>What came back: status (-1 when the client saw an exception or a timeout), media type and body.</summary>
public sealed record HostileOutcome(HostileRequest Request, int Status, string? MediaType, string Body, bool Retry)
{
    public bool Accepted => Status is >= 200 and < 300;
    public bool IsServerError => Status is < 0 or >= 500;

    public override string ToString() =>
        $"{Request} -> {Status} {MediaType}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

/// <summary>Rows changed while every write sent alongside was rejected.</summary>
public sealed record HostileRowChange(IReadOnlyList<string> Tables, IReadOnlyList<HostileOutcome> Wave)
{
    public override string ToString() =>
        $"tables {string.Join(", ", Tables)} changed while every write was rejected:\n    " + string.Join("\n    ", Wave);
}

public sealed record HostileReport(
    IReadOnlyList<HostileOutcome> Outcomes, IReadOnlyList<HostileRowChange> RowChanges, int Waves, int CheckedWaves, int Unsendable, TimeSpan Elapsed);

/// <summary>
/// Sends the requests a few at a time (a wave) and snapshots the database after each wave: a hash of every table's
/// rows (each row's text and xmin, so that even a rewrite to the same values shows) except the audit trail and the
/// idempotency keys, which legitimately record reads and keys, plus the count of audited writes. When every write of a
/// wave was rejected, nothing may have changed. A wave in which some write was accepted (2xx) may change rows; when it
/// did, the rejected writes of that wave are sent again afterwards, one at a time, so that each rejected write is
/// checked on its own.
/// </summary>
public sealed class HostileInputRunner(Func<string, HttpClient> clients, string connectionString, int concurrency)
{
    static readonly string[] Unchecked = ["audit_log", "audit_chain_head", "idempotency_keys"];
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    readonly Dictionary<string, HttpClient> clientCache = [];
    string? snapshotSql;
    int unsendable;

    public async Task<HostileReport> Run(IReadOnlyList<HostileRequest> requests)
    {
        foreach (var caller in requests.Select(r => r.Caller).Distinct())
            clientCache[caller] = clients(caller);
        var clock = Stopwatch.StartNew();
        var outcomes = new List<HostileOutcome>();
        var changes = new List<HostileRowChange>();
        var retries = new List<HostileRequest>();
        int waves = 0, checkedWaves = 0;

        var before = await Snapshot();
        async Task Wave(IReadOnlyList<HostileRequest> wave, bool retry)
        {
            var results = await Task.WhenAll(wave.Select(r => Send(r, retry)));
            var after = await Snapshot();
            waves++;
            outcomes.AddRange(results);
            var changed = after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key).ToList();
            if (changed.Count == 0 || !results.Any(o => o.Request.IsWrite && o.Accepted))
            {
                // Nothing changed, or only rejected writes ran: either way each rejected write is checked.
                checkedWaves++;
                if (changed.Count > 0)
                    changes.Add(new HostileRowChange(changed, results));
            }
            else if (!retry)
                // Rows changed and some write was accepted: which request changed what is unknown, so each rejected
                // write of the wave is sent again alone.
                retries.AddRange(results.Where(o => o.Request.IsWrite && !o.Accepted).Select(o => o.Request));
            before = after;
        }

        for (var i = 0; i < requests.Count; i += concurrency)
            await Wave(requests.Skip(i).Take(concurrency).ToList(), retry: false);
        foreach (var request in retries)
            await Wave([request], retry: true);

        return new HostileReport(outcomes, changes, waves, checkedWaves, unsendable, clock.Elapsed);
    }

    async Task<HostileOutcome> Send(HostileRequest request, bool retry)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = request.Chunked
                ? new StreamContent(new UnknownLengthStream(request.Body))
                : new ByteArrayContent(request.Body);
            if (request.ContentType is not null && !message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType))
                Interlocked.Increment(ref unsendable);
        }
        foreach (var (name, value) in request.Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content?.Headers.TryAddWithoutValidation(name, value) != true)
                Interlocked.Increment(ref unsendable);

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            using var response = await clientCache[request.Caller].SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new HostileOutcome(request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, retry);
        }
        catch (Exception e)
        {
            return new HostileOutcome(request, -1, null, $"{(timeout.IsCancellationRequested ? "timed out: " : "")}{e}", retry);
        }
    }

    /// <summary>A hash per table (rows and their xmin), and the number of audited writes.</summary>
    async Task<Dictionary<string, string>> Snapshot()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (snapshotSql is null)
        {
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            snapshotSql = string.Join("\nUNION ALL ", tables.Except(Unchecked).Select(t =>
                    $"SELECT '{t}', md5(coalesce(string_agg(r::text || '@' || r.xmin::text, '|' ORDER BY r::text), '')) FROM \"{t}\" r")
                .Append("SELECT 'audit_log (writes)', count(*)::text FROM audit_log WHERE action <> 'read'"));
        }
        var snapshot = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand(snapshotSql, connection);
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            snapshot[rows.GetString(0)] = rows.GetString(1);
        return snapshot;
    }

    /// <summary>Sent chunked: the length is not known in advance, so no Content-Length header.</summary>
    sealed class UnknownLengthStream(byte[] bytes) : Stream
    {
        readonly MemoryStream inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An error response with a body must be RFC 9457 ProblemDetails carrying its own status.</summary>
    public static bool IsProblemDetails(HostileOutcome outcome)
    {
        if (outcome.Status < 400 || outcome.Body.Length == 0)
            return true;
        if (outcome.MediaType != "application/problem+json")
            return false;
        try
        {
            return JsonNode.Parse(outcome.Body) is JsonObject problem && (int?)problem["status"] == outcome.Status && problem["title"] is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
