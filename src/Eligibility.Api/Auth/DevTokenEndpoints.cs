using Eligibility.Api.Http;
using Eligibility.Application.Common;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Eligibility.Api.Auth;

public sealed record DevTokenRequest
{
    /// <summary>One of the roles: commune-official, admin, auditor.</summary>
    public required string Role { get; init; }
    /// <summary>Commune codes an official works for.</summary>
    public IReadOnlyList<string> Communes { get; init; } = [];
    /// <summary>Association ids an association officer works for.</summary>
    public IReadOnlyList<Guid> Associations { get; init; } = [];
    /// <summary>Province codes a province viewer reports on.</summary>
    public IReadOnlyList<string> Provinces { get; init; } = [];
    public string? Subject { get; init; }
}

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed class DevTokenRequestValidator : AbstractValidator<DevTokenRequest>
{
    public DevTokenRequestValidator()
    {
        RuleFor(r => r.Role).Must(r => Roles.All.Contains(r)).WithMessage($"The role is one of: {string.Join(", ", Roles.All)}.");
        RuleForEach(r => r.Communes).Matches("^[0-9]{5}$").WithMessage("A commune code is 5 digits.");
        RuleFor(r => r.Communes).NotEmpty().When(r => r.Role == Roles.CommuneOfficial).WithMessage("An official needs at least one commune.");
        RuleForEach(r => r.Provinces).Matches("^[0-9]{2}$").WithMessage("A province code is 2 digits.");
        RuleFor(r => r.Provinces).NotEmpty().When(r => r.Role == Roles.ProvinceViewer).WithMessage("A province viewer needs at least one province.");
        RuleFor(r => r.Associations).NotEmpty().When(r => r.Role == Roles.AssociationOfficer).WithMessage("An association officer needs at least one association.");
        RuleFor(r => r.Subject).MaximumLength(100);
        RuleFor(r => r.Subject).Must(s => !string.IsNullOrWhiteSpace(s)).When(r => r.Subject is not null)
            .WithMessage("Chủ thể không được để trống. / The subject must not be blank.");
        RuleFor(r => r.Subject).Must(s => !Subjects.IsReserved(s!)).When(r => !string.IsNullOrWhiteSpace(r.Subject))
            .WithMessage($"Chủ thể \"{Subjects.System}\" và \"{Subjects.CommandPrefix}…\" dành cho chính API. / The subjects \"{Subjects.System}\" and \"{Subjects.CommandPrefix}…\" are reserved for the API itself.");
    }
}

/// <summary>Development only: hands out tokens so the samples and a newcomer can call the API without an identity provider.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithTags("Development")
            .WithName("IssueDevToken")
            .WithSummary("Issue a development token")
            .WithDescription("Exists only when the API runs in the Development environment.")
            .WithValidation<DevTokenRequest>();

    static Ok<DevTokenResponse> Issue(DevTokenRequest request, TokenIssuer issuer, AuthOptions options, TimeProvider clock) =>
        TypedResults.Ok(new DevTokenResponse(
            issuer.Issue(request.Subject ?? $"dev-{request.Role}", request.Role, request.Communes, request.Associations, request.Provinces),
            clock.GetUtcNow() + options.IssuedLifetime));
}
