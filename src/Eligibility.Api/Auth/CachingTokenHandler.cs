using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Auth;

/// <summary>
/// Validates a bearer token once and then recognises the same token string until it expires. A bank's system or an
/// official's screen sends the same token with every request; reading its JSON and building its claims again each
/// time was about a sixth of the API's CPU per eligibility answer (a province official's token carries one claim per
/// commune). Only the exact string that passed full validation is recognised — issuer, audience, signature and
/// lifetime were checked for it — and never past its expiry (with the same clock skew), so nothing is accepted that
/// validation would refuse. The requests presenting one token share one identity, which cannot be changed
/// (<see cref="SharedIdentity"/>). Before it is remembered, a token that the library accepts must also keep the
/// product's own rules (<see cref="BrokenRule"/>).
/// </summary>
sealed class CachingTokenHandler(TimeProvider clock, AuthOptions options, int capacity = CachingTokenHandler.DefaultCapacity) : JsonWebTokenHandler
{
    public const int DefaultCapacity = 10_000;

    readonly ConcurrentDictionary<string, Validated> validated = new(StringComparer.Ordinal);

    sealed record Validated(SecurityToken Token, SharedIdentity Identity, DateTime AcceptedUntil);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (validated.TryGetValue(token, out var known))
        {
            if (now < known.AcceptedUntil)
                return new TokenValidationResult { IsValid = true, SecurityToken = known.Token, ClaimsIdentity = known.Identity };
            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken.ValidTo == DateTime.MinValue)
            return result;
        if (BrokenRule((JsonWebToken)result.SecurityToken, result.ClaimsIdentity, now) is { } broken)
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException(broken) };
        var identity = new SharedIdentity(result.ClaimsIdentity);
        Remember(token, new Validated(result.SecurityToken, identity, result.SecurityToken.ValidTo + parameters.ClockSkew), now);
        return new TokenValidationResult { IsValid = true, SecurityToken = result.SecurityToken, ClaimsIdentity = identity };
    }

    /// <summary>
    /// Why a validly signed token is still refused, or null: every request must name who makes it (the audit trail's
    /// subject), never as the API itself (its reserved subjects), with one role, and the token must not live longer
    /// than Auth:MaxTokenLifetime, counted from when it was issued, from when it starts and from now.
    /// </summary>
    string? BrokenRule(JsonWebToken token, ClaimsIdentity identity, DateTime now)
    {
        var subjects = identity.FindAll(JwtRegisteredClaimNames.Sub).Select(c => c.Value).ToList();
        if (subjects is not [var subject] || string.IsNullOrWhiteSpace(subject))
            return "The token must have exactly one non-empty subject (sub).";
        if (Subjects.IsReserved(subject))
            return "The token's subject is reserved for the API itself.";
        if (identity.FindAll(Claims.Role).Skip(1).Any())
            return "The token has more than one role.";
        // From now with the clock skew, for an issuer whose clock is ahead; iat and nbf are absent when DateTime.MinValue.
        var starts = new[] { token.IssuedAt, token.ValidFrom }.Where(t => t != DateTime.MinValue).Append(now + options.ClockSkew);
        return starts.Any(start => token.ValidTo - start > options.MaxTokenLifetime) ? "The token's lifetime is longer than allowed." : null;
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

/// <summary>
/// A validated token's identity, shared by the requests that present the token: its claims cannot be added or removed,
/// and the values of a scope claim (the communes, provinces, associations) are collected once.
/// </summary>
public sealed class SharedIdentity(ClaimsIdentity validated) : ClaimsIdentity(validated)
{
    readonly ConcurrentDictionary<string, IReadOnlySet<string>> scopes = new(StringComparer.Ordinal);

    /// <summary>The values of the claims of <paramref name="type"/>.</summary>
    public IReadOnlySet<string> Values(string type) =>
        scopes.GetOrAdd(type, t => FindAll(t).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    public override void AddClaim(Claim claim) => throw Unchangeable();
    public override void AddClaims(IEnumerable<Claim?> claims) => throw Unchangeable();
    public override void RemoveClaim(Claim? claim) => throw Unchangeable();
    public override bool TryRemoveClaim(Claim? claim) => throw Unchangeable();

    static InvalidOperationException Unchangeable() =>
        new("The identity of a validated token is shared by its requests and cannot be changed.");
}
