using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Eligibility.Infrastructure.Persistence;

/// <summary>
/// The request's own connection and transaction, for raw-SQL writes: inside a transaction the request already holds
/// (an idempotent request's) a write runs under a savepoint of it, otherwise in a transaction of its own. Either way
/// the change, its audit entries and the request's idempotency key commit together or not at all.
/// </summary>
public sealed class RequestSession(EligibilityDbContext db)
{
    readonly List<Action> afterCommit = [];

    public async Task<SessionWrite> Begin(CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var savepoint = $"write_{Guid.NewGuid():N}";
            await outer.CreateSavepointAsync(savepoint, ct);
            return new SessionWrite(this, outer, savepoint);
        }
        return new SessionWrite(this, await db.Database.BeginTransactionAsync(ct), null);
    }

    /// <summary>Runs once what the write changed is committed (at once when it already is); dropped if it is rolled back.</summary>
    public void AfterCommit(Action action)
    {
        if (db.Database.CurrentTransaction is null)
            action();
        else
            afterCommit.Add(action);
    }

    /// <summary>Called by whoever commits or rolls back the request's outermost transaction.</summary>
    public void Ended(bool committed)
    {
        var actions = afterCommit.ToList();
        afterCommit.Clear();
        if (committed)
            actions.ForEach(a => a());
    }

    internal NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();
}

/// <summary>One raw-SQL write on the request's connection: <see cref="Commit"/> keeps it, disposing without it undoes it.</summary>
public sealed class SessionWrite(RequestSession session, IDbContextTransaction transaction, string? savepoint) : IAsyncDisposable
{
    bool done;

    public NpgsqlConnection Connection => session.Connection;
    public NpgsqlTransaction Transaction => (NpgsqlTransaction)transaction.GetDbTransaction();

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    public async Task Commit(CancellationToken ct)
    {
        if (savepoint is null)
        {
            await transaction.CommitAsync(ct);
            await transaction.DisposeAsync();
            session.Ended(committed: true);
        }
        else
            await transaction.ReleaseSavepointAsync(savepoint, ct);
        done = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (done)
            return;
        done = true;
        if (savepoint is not null)
        {
            // Only this write is undone: the request's transaction stays usable for its refusal and idempotency key.
            try
            {
                await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone: the request's transaction is rolled back with it.
            }
            return;
        }
        await transaction.DisposeAsync();
        session.Ended(committed: false);
    }
}
