using System.Security.Claims;
using Eligibility.Api.Auth;
using Eligibility.Application.Audit;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Eligibility.Api.Audit;

/// <summary>The caller as the bearer token names it, and the operation as its route template, for the audit trail.</summary>
sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    HttpContext? Http => accessor.HttpContext;

    public string Subject => Http?.User.FindFirstValue(JwtRegisteredClaimNames.Sub) is { Length: > 0 } sub ? sub : Subjects.System;
    public string Role => Http?.User.FindFirstValue(Claims.Role) is { Length: > 0 } role ? role : Subjects.System;

    public string? Operation =>
        Http is { } http && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? $"{http.Request.Method} {(template.StartsWith('/') ? template : "/" + template)}"
            : null;
}
