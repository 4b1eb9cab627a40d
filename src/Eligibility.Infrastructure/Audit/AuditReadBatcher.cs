using System.Threading.Channels;
using Eligibility.Application.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eligibility.Infrastructure.Audit;

/// <summary>The actor as it was when the entry was made: the writer runs outside the request that made it.</summary>
sealed record CapturedActor(string Subject, string Role, string? Operation) : IAuditActor
{
    public static CapturedActor Of(IAuditActor actor) => new(actor.Subject, actor.Role, actor.Operation);
}

/// <summary>
/// The read entry could not be written, so the data it would have recorded must not be sent. Its inner exception is
/// the batch's failure (null when the writer has stopped).
/// </summary>
public sealed class AuditWriteFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Group commit for read-audit entries. Concurrent requests enqueue their entry and await it; one writer takes
/// everything queued (up to <see cref="MaxBatch"/>) and appends it in ONE implicit transaction (one round trip, one
/// acquisition of the chain head lock, one commit and WAL flush), then completes every waiter — or faults every
/// waiter with the batch's error, so that none of them sends its data. While a batch commits, the next one accumulates,
/// so no delay is added. The chain is still computed entry by entry by the database's trigger. Stopping the host
/// completes the queue and waits until what was queued is written.
/// </summary>
public sealed class AuditReadBatcher(NpgsqlDataSource dataSource, ILogger<AuditReadBatcher> logger) : IHostedService, IAsyncDisposable
{
    public const int MaxBatch = 500;

    sealed record Pending(CapturedActor Actor, AuditRecord Record, TaskCompletionSource Written);

    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    readonly Lock gate = new();
    Task? writer;

    /// <summary>Queues the entry; the task completes once it is committed, or fails if it could not be.</summary>
    internal async Task Append(IAuditActor actor, AuditRecord record, CancellationToken ct)
    {
        var pending = new Pending(CapturedActor.Of(actor), record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureStarted();
        if (!queue.Writer.TryWrite(pending))
            throw new AuditWriteFailedException("The audit writer has stopped: the read cannot be recorded.");
        // The batch's exception object is shared by all its waiters: each gets a wrapper of its own to throw.
        await pending.Written.Task.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
        if (pending.Written.Task.Exception?.InnerException is { } failure)
            throw new AuditWriteFailedException("The read audit entry could not be written.", failure);
    }

    public Task StartAsync(CancellationToken ct)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        queue.Writer.TryComplete();
        if (writer is { } running)
            await running.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    // Also started on first use, so a host that never runs hosted services (a tool, a test scope) still gets its entries written.
    void EnsureStarted()
    {
        if (writer is not null)
            return;
        // Not the first caller's execution context (its request's AsyncLocals): the writer belongs to no request.
        lock (gate)
            using (ExecutionContext.SuppressFlow())
                writer ??= Task.Run(Write);
    }

    async Task Write()
    {
        var reader = queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        var entries = new List<(IAuditActor, AuditRecord)>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                entries.Add((pending.Actor, pending.Record));
            }
            try
            {
                // No caller's token: a batch holds other callers' entries, and the connection string's timeouts bound it.
                await using var connection = await dataSource.OpenConnectionAsync();
                await AuditWriter.Append(connection, null, entries, CancellationToken.None);
                foreach (var pending in batch)
                    pending.Written.TrySetResult();
            }
            catch (Exception e)
            {
                logger.LogError(e, "A batch of {Count} read audit entries could not be written; those reads are refused", batch.Count);
                foreach (var pending in batch)
                    pending.Written.TrySetException(e);
            }
            batch.Clear();
            entries.Clear();
        }
    }
}
