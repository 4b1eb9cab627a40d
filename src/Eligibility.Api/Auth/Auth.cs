using System.Security.Claims;
using System.Text;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HMAC-SHA256 key, at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How far the clocks of the token's issuer and of this API may disagree about its lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience) ? "Auth:Issuer and Auth:Audience must be set."
        : Encoding.UTF8.GetByteCount(SigningKey) < 32 ? "Auth:SigningKey must be set to a secret of at least 32 bytes."
        : null;
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
            Expires = now + options.TokenLifetime,
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
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, clock) =>
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachingTokenHandler(clock));
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
