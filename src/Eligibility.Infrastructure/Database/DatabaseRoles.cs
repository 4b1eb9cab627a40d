using System.Security.Cryptography;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// The two roles of README "Database roles": the owner, which the migration runner connects as and which owns every
/// object, and <see cref="Api"/>, which migration 0050 grants only what the API needs. Roles are cluster-wide.
/// </summary>
public static class DatabaseRoles
{
    public const string Owner = "eligibility_owner";
    public const string Api = "eligibility_api";

    /// <summary>A password of 32 hex digits, safe to write into a role statement as a literal.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Creates both login roles, or sets their passwords; run by a superuser (or a role with CREATEROLE).</summary>
    public static async Task Ensure(NpgsqlConnection admin, string ownerPassword, string apiPassword)
    {
        foreach (var (role, password, options) in new[] { (Owner, ownerPassword, "LOGIN NOSUPERUSER NOCREATEROLE"), (Api, apiPassword, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE") })
        {
            if (!password.All(char.IsAsciiHexDigit))
                throw new ArgumentException("Role passwords are hex digits.", nameof(ownerPassword));
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = @role", admin);
            exists.Parameters.AddWithValue("role", role);
            var verb = await exists.ExecuteScalarAsync() is null ? "CREATE" : "ALTER";
            await using var statement = new NpgsqlCommand($"{verb} ROLE {role} {options} PASSWORD '{password}'", admin);
            await statement.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Why the API must not run as the role it connected as: a superuser, or a member of the role owning a table of its
    /// schema, could disable the triggers that guard the audit trail and signed lists. Null when it may.
    /// </summary>
    public static async Task<string?> ApiRoleProblem(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT current_user, r.rolsuper,
                   (SELECT min(c.relname) FROM pg_class c
                    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (user, superuser, owned) = (reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        const string Fix = "connect the API as a role that owns nothing and is not a superuser (README, \"Database roles\").";
        return superuser ? $"ConnectionStrings:Eligibility connects as {user}, a superuser: {Fix}"
            : owned is not null ? $"ConnectionStrings:Eligibility connects as {user}, which owns table {owned}: {Fix}"
            : null;
    }
}
