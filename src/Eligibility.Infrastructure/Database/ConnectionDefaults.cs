using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// What the API sets on its connection string unless the string names the value itself:
/// <list type="bullet">
/// <item>Short connect and command timeouts, so that a database that is gone or hangs turns into a 503 within 5 seconds
/// instead of holding requests for Npgsql's defaults (15 s to connect, 30 s per command).</item>
/// <item>Automatic preparation: a statement text sent twice on a connection is prepared there, so the hot queries
/// (eligibility facts, the audit insert, EF's lookups) are parsed and planned once per connection, not per request.
/// Measured in bench/README.md.</item>
/// <item>No reset when a connection goes back to the pool (Npgsql would otherwise send seven statements ahead of the
/// next command): the application keeps no session state. Its settings are transaction-local (<c>set_config(…, true)</c>),
/// its advisory locks transaction-scoped (the migration runner's session lock is taken through the raw connection
/// string, a pool of its own, and released in a finally), its temporary tables <c>ON COMMIT DROP</c>. The architecture
/// test No_sql_leaves_session_state_on_a_pooled_connection holds the code to that.</item>
/// <item>Multiplexing: commands of concurrent requests are pipelined over fewer physical connections (a transaction
/// keeps its connection until it ends). In paired runs of the eligibility load it cut PostgreSQL's CPU per request by
/// a quarter (bench/README.md). It needs the same absence of session state as the item above, and asynchronous I/O
/// outside transactions, which is all the application uses.</item>
/// </list>
/// </summary>
public static class ConnectionDefaults
{
    public const string ConnectKey = "Database:ConnectTimeoutSeconds";
    public const string CommandKey = "Database:CommandTimeoutSeconds";
    public const int DefaultConnectSeconds = 3;
    public const int DefaultCommandSeconds = 4;

    public const int MaxAutoPrepare = 100;
    public const int AutoPrepareMinUsages = 2;

    public static string Apply(string connectionString, IConfiguration configuration)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
            builder.Timeout = configuration.GetValue(ConnectKey, DefaultConnectSeconds);
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
            builder.CommandTimeout = configuration.GetValue(CommandKey, DefaultCommandSeconds);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!given.ContainsKey("Multiplexing"))
            builder.Multiplexing = true;
        return builder.ConnectionString;
    }
}
