using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Eligibility.Infrastructure.Files;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// A PostgreSQL cluster of the project's own, made from the machine's PostgreSQL binaries, listening on 127.0.0.1
/// only (no Unix socket). PostgreSQL refuses to run as root, so under root the server runs as the 'postgres' user.
/// Every role logs in with a password (scram-sha-256), generated on first use and kept beside the data directory in
/// <c>&lt;role&gt;.password</c> (mode 0600). A cluster made by an older version (trust authentication) is upgraded in place.
/// </summary>
public sealed class LocalPostgres
{
    public const string Superuser = "eligibility";
    public const string InstallHint =
        "PostgreSQL server binaries were not found. Install them (Debian/Ubuntu: apt-get install -y postgresql) " +
        "or point the API at a server with ConnectionStrings__Eligibility=\"Host=...;Database=...;Username=...;Password=...\".";

    const string HbaHeader = "# Written by Eligibility (LocalPostgres): password authentication only, over 127.0.0.1.";

    readonly string binDirectory;
    readonly string clusterDirectory;
    readonly bool durable;
    readonly bool runAsPostgres = Environment.UserName == "root";

    /// <param name="durable">False only for throwaway clusters (tests): the server then runs without fsync.</param>
    public LocalPostgres(string clusterDirectory, string? binDirectory = null, bool durable = true)
    {
        this.clusterDirectory = Path.GetFullPath(clusterDirectory);
        this.durable = durable;
        this.binDirectory = binDirectory is { Length: > 0 }
            ? File.Exists(Path.Combine(binDirectory, "initdb")) ? binDirectory : throw new StartupException(InstallHint)
            : FindBinDirectory() ?? throw new StartupException(InstallHint);
    }

    string DataDirectory => Path.Combine(clusterDirectory, "data");
    string LogFile => Path.Combine(clusterDirectory, "server.log");
    string HbaFile => Path.Combine(DataDirectory, "pg_hba.conf");

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
        var port = RunningPort() ?? Start(preferredPort != 0 ? preferredPort : FreePort());
        if (!File.ReadAllText(HbaFile).StartsWith(HbaHeader, StringComparison.Ordinal))
            RequirePasswords(port);
        return port;
    }

    int Start(int port)
    {
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" + (durable ? "" : " -c fsync=off -c full_page_writes=off");
        var (code, output) = Run("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start");
        if (code != 0)
            throw new StartupException($"The local PostgreSQL cluster in {clusterDirectory} did not start on port {port} (see {LogFile}): {LastLine(output)}");
        return port;
    }

    /// <summary>
    /// A cluster of an older version trusts every local connection: give the superuser its password while that still
    /// lets us in, then allow passwords only.
    /// </summary>
    void RequirePasswords(int port)
    {
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = Superuser, Database = "postgres", Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var alter = new NpgsqlCommand($"ALTER ROLE {Superuser} PASSWORD '{Password(Superuser)}'", connection);
            alter.ExecuteNonQuery();
            WriteHba();
            using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            reload.ExecuteNonQuery();
        }
    }

    void WriteHba() => File.WriteAllText(HbaFile, $"""
        {HbaHeader}
        host all all 127.0.0.1/32 scram-sha-256

        """);

    /// <summary>The role's password, generated (0600, beside the data directory) the first time it is asked for.</summary>
    string Password(string role)
    {
        var file = Path.Combine(clusterDirectory, $"{role}.password");
        if (File.Exists(file))
            return File.ReadAllText(file).Trim();
        var password = DatabaseRoles.NewPassword();
        PrivateFiles.WriteNew(file, password);
        return password;
    }

    public void Stop() => Run("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    /// <summary>How <paramref name="role"/> (the superuser, <see cref="DatabaseRoles.Owner"/> or <see cref="DatabaseRoles.Api"/>) connects.</summary>
    public string ConnectionString(int port, string database, string role = Superuser) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = role, Password = Password(role), Database = database }.ConnectionString;

    /// <summary>
    /// Creates the owner and API roles (or sets their passwords) and the database, owned by the owner. A database an
    /// older version made belongs to the superuser with everything in it: it is handed over to the owner.
    /// </summary>
    public async Task EnsureDatabase(int port, string database)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString(port, "postgres")))
        {
            try
            {
                await connection.OpenAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                throw new StartupException($"The local cluster in {clusterDirectory} refused the password in {Superuser}.password " +
                    "(was the file replaced?): restore it, or remove the folder to start with a new cluster.", e);
            }
            await DatabaseRoles.Ensure(connection, Password(DatabaseRoles.Owner), Password(DatabaseRoles.Api));
            await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = @name", connection);
            owner.Parameters.AddWithValue("name", database);
            var quoted = $"\"{database.Replace("\"", "\"\"")}\"";
            switch (await owner.ExecuteScalarAsync())
            {
                case null:
                    await new NpgsqlCommand($"CREATE DATABASE {quoted} OWNER {DatabaseRoles.Owner}", connection).ExecuteNonQueryAsync();
                    return;
                case DatabaseRoles.Owner:
                    return;
                default:
                    await new NpgsqlCommand($"ALTER DATABASE {quoted} OWNER TO {DatabaseRoles.Owner}", connection).ExecuteNonQueryAsync();
                    break;
            }
        }
        await using var inDatabase = new NpgsqlConnection(ConnectionString(port, database));
        await inDatabase.OpenAsync();
        await new NpgsqlCommand(HandOverToOwner, inDatabase).ExecuteNonQueryAsync();
    }

    /// <summary>Tables, views, free sequences and functions of the public schema, except those of extensions, to the owner.</summary>
    const string HandOverToOwner = $$"""
        DO $$
        DECLARE
            r record;
        BEGIN
            FOR r IN SELECT format('ALTER %s %s OWNER TO {{DatabaseRoles.Owner}}', CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass) AS statement
                     FROM pg_class c
                     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                       AND c.relowner <> '{{DatabaseRoles.Owner}}'::regrole
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'e'))
                     UNION ALL
                     SELECT format('ALTER ROUTINE %s OWNER TO {{DatabaseRoles.Owner}}', p.oid::regprocedure)
                     FROM pg_proc p
                     WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '{{DatabaseRoles.Owner}}'::regrole
                       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            LOOP
                EXECUTE r.statement;
            END LOOP;
        END
        $$
        """;

    void Initialize()
    {
        Directory.CreateDirectory(clusterDirectory);
        // initdb reads the superuser's password from a file of its own, removed once the cluster exists.
        var passwordFile = Path.Combine(clusterDirectory, "initdb.pwfile");
        File.Delete(passwordFile);
        PrivateFiles.WriteNew(passwordFile, Password(Superuser));
        try
        {
            if (runAsPostgres)
                RunProcess("chown", ["postgres:postgres", clusterDirectory, passwordFile]);
            string[] options = ["-D", DataDirectory, "-U", Superuser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"];
            var (code, output) = Run("initdb", durable ? options : [.. options, "--no-sync"]);
            if (code != 0)
                throw new StartupException($"initdb could not create a PostgreSQL cluster in {DataDirectory}" +
                    (runAsPostgres ? " (as root the server runs as 'postgres', which must be able to reach that folder)" : "") + $": {LastLine(output)}");
        }
        finally
        {
            File.Delete(passwordFile);
        }
        WriteHba();
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
