using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// Short connect and command timeouts, so that a database that is gone or hangs turns into a 503 within 5 seconds
/// instead of holding requests for Npgsql's defaults (15 s to connect, 30 s per command). Values the connection string
/// names itself are kept.
/// </summary>
public static class DatabaseTimeouts
{
    public const string ConnectKey = "Database:ConnectTimeoutSeconds";
    public const string CommandKey = "Database:CommandTimeoutSeconds";
    public const int DefaultConnectSeconds = 3;
    public const int DefaultCommandSeconds = 4;

    public static string Apply(string connectionString, IConfiguration configuration)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
            builder.Timeout = configuration.GetValue(ConnectKey, DefaultConnectSeconds);
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
            builder.CommandTimeout = configuration.GetValue(CommandKey, DefaultCommandSeconds);
        return builder.ConnectionString;
    }
}
