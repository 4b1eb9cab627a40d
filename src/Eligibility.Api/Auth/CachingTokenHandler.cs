using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Auth;

/// <summary>
/// Validates a bearer token once and then recognises the same token string until it expires. A bank's system or an
/// official's screen sends the same token with every request; reading its JSON and building its claims again each
/// time was about a sixth of the API's CPU per eligibility answer (a province official's token carries one claim per
/// commune). Only the exact string that passed full validation is recognised — issuer, audience, signature and
/// lifetime were checked for it — and never past its expiry (with the same clock skew), so nothing is accepted that
/// validation would refuse. Each request gets its own copy of the claims.
/// </summary>
sealed class CachingTokenHandler(TimeProvider clock, int capacity = CachingTokenHandler.DefaultCapacity) : JsonWebTokenHandler
{
    public const int DefaultCapacity = 10_000;

    readonly ConcurrentDictionary<string, Validated> validated = new(StringComparer.Ordinal);

    sealed record Validated(SecurityToken Token, System.Security.Claims.ClaimsIdentity Identity, DateTime AcceptedUntil);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (validated.TryGetValue(token, out var known))
        {
            if (now < known.AcceptedUntil)
                return new TokenValidationResult { IsValid = true, SecurityToken = known.Token, ClaimsIdentity = known.Identity.Clone() };
            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, parameters);
        if (result.IsValid && result.SecurityToken.ValidTo != DateTime.MinValue)
            Remember(token, new Validated(result.SecurityToken, result.ClaimsIdentity.Clone(), result.SecurityToken.ValidTo + parameters.ClockSkew), now);
        return result;
    }

    void Remember(string token, Validated entry, DateTime now)
    {
        if (validated.Count >= capacity)
            foreach (var (key, value) in validated)
                if (value.AcceptedUntil <= now)
                    validated.TryRemove(key, out _);
        if (validated.Count < capacity)
            validated[token] = entry;
    }
}
