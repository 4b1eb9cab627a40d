using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// A PostgreSQL cluster of the project's own, made from the machine's PostgreSQL binaries, listening on 127.0.0.1
/// only (no Unix socket). PostgreSQL refuses to run as root, so under root the server runs as the 'postgres' user.
/// </summary>
public sealed class LocalPostgres
{
    public const string Superuser = "eligibility";
    public const string InstallHint =
        "PostgreSQL server binaries were not found. Install them (Debian/Ubuntu: apt-get install -y postgresql) " +
        "or point the API at a server with ConnectionStrings__Eligibility=\"Host=...;Database=...;Username=...;Password=...\".";

    readonly string binDirectory;
    readonly string clusterDirectory;
    readonly bool runAsPostgres = Environment.UserName == "root";

    public LocalPostgres(string clusterDirectory, string? binDirectory = null)
    {
        this.clusterDirectory = Path.GetFullPath(clusterDirectory);
        this.binDirectory = binDirectory is { Length: > 0 }
            ? File.Exists(Path.Combine(binDirectory, "initdb")) ? binDirectory : throw new StartupException(InstallHint)
            : FindBinDirectory() ?? throw new StartupException(InstallHint);
    }

    string DataDirectory => Path.Combine(clusterDirectory, "data");
    string LogFile => Path.Combine(clusterDirectory, "server.log");

    /// <summary>The folder of initdb and pg_ctl: $ELIGIBILITY_PG_BIN, pg_config --bindir, Debian's versioned folders, or PATH.</summary>
    public static string? FindBinDirectory()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("ELIGIBILITY_PG_BIN"), TryRun("pg_config", "--bindir") };
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.Add("/usr/local/pgsql/bin");
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return candidates.FirstOrDefault(d => !string.IsNullOrWhiteSpace(d) && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Starts the cluster (creating it the first time) or reuses the one already running; returns its port.</summary>
    public int EnsureRunning(int preferredPort)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            Initialize();
        if (RunningPort() is { } port)
            return port;

        port = preferredPort != 0 ? preferredPort : FreePort();
        var (code, output) = Run("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off", "start");
        if (code != 0)
            throw new StartupException($"The local PostgreSQL cluster in {clusterDirectory} did not start on port {port} (see {LogFile}): {LastLine(output)}");
        return port;
    }

    public void Stop() => Run("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public static string ConnectionString(int port, string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>Creates the database unless it exists.</summary>
    public static async Task EnsureDatabase(int port, string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(port, "postgres"));
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    void Initialize()
    {
        Directory.CreateDirectory(clusterDirectory);
        if (runAsPostgres)
            RunProcess("chown", ["-R", "postgres:postgres", clusterDirectory]);
        var (code, output) = Run("initdb", "-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        if (code != 0)
            throw new StartupException($"initdb could not create a PostgreSQL cluster in {DataDirectory}" +
                (runAsPostgres ? " (as root the server runs as 'postgres', which must be able to reach that folder)" : "") + $": {LastLine(output)}");
    }

    int? RunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || Run("pg_ctl", "-D", DataDirectory, "status").ExitCode != 0)
            return null;
        // Line 4 of postmaster.pid is the port.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var path = Path.Combine(binDirectory, tool);
        return runAsPostgres ? RunProcess("runuser", ["-u", "postgres", "--", path, .. args]) : RunProcess(path, args);
    }

    static (int ExitCode, string Output) RunProcess(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new StartupException($"Could not run {file}.");
        // pg_ctl start leaves the server holding our pipes; read what is there without waiting for them to close.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(2));
        return (process.ExitCode, (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : ""));
    }

    static string? TryRun(string file, string arg)
    {
        try
        {
            var (code, output) = RunProcess(file, [arg]);
            return code == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
