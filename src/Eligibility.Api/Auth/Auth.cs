using System.Security.Claims;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    const string HowToMakeAKey = "Make one with `openssl rand -base64 32` and set it from a secret store as Auth__SigningKey.";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HMAC-SHA256 key: at least 32 random bytes, base64-encoded.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How far the clocks of the token's issuer and of this API may disagree about its lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The longest lifetime a token may declare (exp − iat, exp − nbf): a stolen token stops working within it.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The lifetime of the tokens <see cref="TokenIssuer"/> signs: never one the API would refuse.</summary>
    public TimeSpan IssuedLifetime => TokenLifetime < MaxTokenLifetime ? TokenLifetime : MaxTokenLifetime;

    public SymmetricSecurityKey Key() => new(Convert.FromBase64String(SigningKey));

    /// <summary>
    /// What stops the API from starting, as one line, or null. Outside Development the key must also be none of those
    /// written in an appsettings*.json beside the API: those are in the repository for everyone to read.
    /// </summary>
    public string? Problem(IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience) ? "Auth:Issuer and Auth:Audience must be set."
        : MaxTokenLifetime <= TimeSpan.Zero ? "Auth:MaxTokenLifetime must be a positive duration, e.g. 12:00:00."
        : KeyProblem() is { } key ? $"Auth:SigningKey {key} {HowToMakeAKey}"
        : !environment.IsDevelopment() && ShippedKeys(environment).Contains(SigningKey.Trim())
            ? $"Auth:SigningKey is one written in an appsettings*.json file, which anyone can read. {HowToMakeAKey}"
        : null;

    string? KeyProblem()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
            return "must be set.";
        var buffer = new byte[SigningKey.Length];
        if (!Convert.TryFromBase64String(SigningKey.Trim(), buffer, out int length))
            return "must be base64 (random bytes, encoded).";
        if (length < 32)
            return $"must be at least 32 bytes once decoded from base64; it is {length}.";
        // No random key of 32 bytes fails these (the likeliest, all printable, has odds near 1e-14); a typed or made-up one does.
        var key = buffer[..length];
        bool fewValues = key.Distinct().Count() < 16;
        bool text = key.All(b => b is >= 0x20 and < 0x7F);
        bool counted = key.Skip(1).Select((b, i) => (byte)(b - key[i])).Distinct().Count() == 1;
        return fewValues || text || counted ? "is not random bytes (a passphrase, or a repeated or counted pattern)." : null;
    }

    /// <summary>Every Auth:SigningKey written in the appsettings*.json files of the content root and of the API's own folder.</summary>
    static HashSet<string> ShippedKeys(IHostEnvironment environment)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in new[] { environment.ContentRootPath, AppContext.BaseDirectory }.Distinct())
            foreach (var file in Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "appsettings*.json") : [])
            {
                var settings = new ConfigurationBuilder().AddJsonFile(file, optional: true, reloadOnChange: false);
                try
                {
                    if (settings.Build()[$"{Section}:{nameof(SigningKey)}"] is { Length: > 0 } key)
                        keys.Add(key.Trim());
                }
                catch (Exception e) when (e is InvalidDataException or FormatException)
                {
                    // A file that is not JSON holds no key the API would read either.
                }
            }
        return keys;
    }
}

/// <summary>Subjects the API itself writes in the audit trail; a token naming one could pass for the system or a command.</summary>
public static class Subjects
{
    public const string System = "system";
    public const string CommandPrefix = "cli:";

    public static bool IsReserved(string subject) =>
        subject.Trim() is var s && (s.Equals(System, StringComparison.OrdinalIgnoreCase) || s.StartsWith(CommandPrefix, StringComparison.OrdinalIgnoreCase));
}

public static class Claims
{
    public const string Role = "role";
    public const string Communes = "communes";
    public const string Associations = "associations";
    public const string Provinces = "provinces";
}

/// <summary>Issues tokens signed with the configured key: used by the Development token route and by the tests.</summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    public string Issue(string subject, string role, IReadOnlyCollection<string> communes, IReadOnlyCollection<Guid>? associations = null,
        IReadOnlyCollection<string>? provinces = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.IssuedLifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [Claims.Role] = role,
                [Claims.Communes] = communes.ToArray(),
                [Claims.Associations] = (associations ?? []).Select(a => a.ToString()).ToArray(),
                [Claims.Provinces] = (provinces ?? []).ToArray(),
            },
            SigningCredentials = new SigningCredentials(options.Key(), SecurityAlgorithms.HmacSha256),
        });
    }
}

sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Subject => Principal.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? "";
    public string Role => Principal.FindFirstValue(Claims.Role) ?? "";

    public IReadOnlySet<string> Communes => field ??= Values(Claims.Communes);

    public IReadOnlySet<string> Provinces => field ??= Values(Claims.Provinces);

    IReadOnlySet<string> Values(string type) => Principal.Identity is SharedIdentity shared
        ? shared.Values(type)
        : Principal.FindAll(type).Select(c => c.Value).ToHashSet();

    public IReadOnlySet<Guid> Associations =>
        field ??= Principal.FindAll(Claims.Associations).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToHashSet();
}

public static class AuthSetup
{
    public static IServiceCollection AddEligibilityAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(options);
        services.AddSingleton<TokenIssuer>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.SaveToken = false; // nothing reads the raw token back from the request's authentication properties
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = options.Key(),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RoleClaimType = Claims.Role,
                NameClaimType = JwtRegisteredClaimNames.Sub,
                ClockSkew = options.ClockSkew,
            };
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider, IHostEnvironment>((jwt, clock, environment) =>
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachingTokenHandler(clock, options));
            // Why a token was refused (expired, wrong key ...) helps a developer and only an attacker elsewhere.
            jwt.IncludeErrorDetails = environment.IsDevelopment();
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.CommuneOfficial, p => p.RequireRole(Roles.CommuneOfficial))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Auditor, p => p.RequireRole(Roles.Auditor))
            .AddPolicy(Roles.Integrator, p => p.RequireRole(Roles.Integrator))
            .AddPolicy(Roles.AssociationOfficer, p => p.RequireRole(Roles.AssociationOfficer))
            .AddPolicy(Roles.ProvinceViewer, p => p.RequireRole(Roles.ProvinceViewer));
        return services;
    }
}
