using System.Text.Json.Nodes;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Eligibility.Api.OpenApi;

/// <summary>
/// Runs after <see cref="OperationTransformer"/> for operations open to one of several roles
/// (<c>[Authorize(Roles = "integrator,commune-official")]</c>): ASP.NET Core combines named policies with AND, so such an
/// endpoint lists its roles instead of naming a policy, and the main transformer, which reads policy names, would
/// describe it as open to any token. This fills in its roles, access line and 403 the same way.
/// </summary>
sealed class RoleListTransformer : IOpenApiOperationTransformer
{
    const string AnyToken = "Access: any valid bearer token, whatever its role.";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var roles = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(Roles.All.Contains).Distinct().ToList();
        if (roles.Count == 0 || operation.Description?.Contains(AnyToken, StringComparison.Ordinal) != true)
            return Task.CompletedTask;

        operation.Description = operation.Description.Replace(AnyToken,
            $"Access: a bearer token with role {string.Join(" or ", roles.Select(r => $"`{r}`"))}.", StringComparison.Ordinal);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[OperationTransformer.RequiredRolesExtension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)r!).ToArray()));

        var responses = new OpenApiResponses();
        foreach (var (status, response) in (operation.Responses ?? []).Append(new("403", new OpenApiResponse
                 {
                     Description = $"The token's role is not {string.Join(" or ", roles)}.",
                     Content = new Dictionary<string, OpenApiMediaType>
                     {
                         ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document), Example = Examples.Problem(403, "Forbidden") },
                     },
                 })).OrderBy(r => r.Key, StringComparer.Ordinal))
            responses[status] = response;
        operation.Responses = responses;
        return Task.CompletedTask;
    }
}
