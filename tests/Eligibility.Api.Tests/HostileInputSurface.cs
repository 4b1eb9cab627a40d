using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Eligibility.Api.Tests;

/// <summary>A request body the operation takes: its media type, schema and example, as the OpenAPI document has them.</summary>
public sealed record HostileBody(string ContentType, JsonObject? Schema, JsonNode? Example);

/// <summary>A query, header or path parameter as the OpenAPI document has it.</summary>
public sealed record HostileParameter(string Name, string In, JsonObject? Schema);

/// <summary>One API operation: what the running app routes (method, pattern, who may call) joined with its OpenAPI description.</summary>
public sealed record HostileOperation(
    string Method,
    string Path,
    IReadOnlyList<(string Name, string? Constraint)> RouteParameters,
    IReadOnlyList<HostileParameter> Parameters,
    HostileBody? Body,
    IReadOnlyList<string> Roles,
    IReadOnlySet<string> MethodsOfRoute,
    bool InDocument)
{
    public string Key => $"{Method} {Path}";
    public bool IsRead => Method is "GET" or "HEAD";
    public bool Takes(string header) => Parameters.Any(p => p.In == "header" && string.Equals(p.Name, header, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Discovers every /api operation from the running app's endpoints (route pattern, methods, authorization) and joins each
/// with the OpenAPI document (parameters, request body schema and example), so that endpoints added later are covered
/// without touching the campaign. Schemas are resolved against the document's components.
/// </summary>
public sealed class HostileInputSurface(JsonNode document)
{
    public static IReadOnlyList<HostileOperation> Discover(EndpointDataSource endpoints, JsonNode document)
    {
        var surface = new HostileInputSurface(document);
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        var methodsByPath = routes
            .SelectMany(e => Methods(e).Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m)))
            .GroupBy(x => x.Path).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(x => x.Method).ToHashSet());

        var operations = new List<HostileOperation>();
        foreach (var endpoint in routes)
            foreach (var method in Methods(endpoint))
            {
                var path = Normalize(endpoint.RoutePattern.RawText!);
                var operation = document["paths"]?[path]?[method.ToLowerInvariant()] as JsonObject;
                var routeParameters = endpoint.RoutePattern.Parameters
                    .Select(p => (p.Name, Constraint: p.ParameterPolicies.Select(pp => pp.Content).FirstOrDefault()))
                    .ToList();
                operations.Add(new HostileOperation(method, path, routeParameters,
                    surface.Parameters(operation), surface.Body(operation, endpoint), AllowedRoles(endpoint), methodsByPath[path], operation is not null));
            }
        return operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];

    /// <summary>"/api/v1/households/{id:guid}/" becomes "/api/v1/households/{id}", as the OpenAPI document names it.</summary>
    public static string Normalize(string route) =>
        Regex.Replace(route, @"\{([^}:]+):[^}]+\}", "{$1}").TrimEnd('/') is { Length: > 0 } p ? p : "/";

    /// <summary>The roles a caller may have; empty when any authenticated caller may call.</summary>
    static IReadOnlyList<string> AllowedRoles(RouteEndpoint endpoint)
    {
        // Several authorize data combine with AND: a role must satisfy each of them.
        IEnumerable<string> allowed = Roles.All;
        var restricted = false;
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            var named = new List<string>();
            if (data.Policy is { } policy && Roles.All.Contains(policy))
                named.Add(policy);
            named.AddRange((data.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (named.Count == 0)
                continue;
            restricted = true;
            allowed = allowed.Intersect(named);
        }
        return restricted ? allowed.ToList() : [];
    }

    IReadOnlyList<HostileParameter> Parameters(JsonObject? operation) =>
        (operation?["parameters"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(p => Resolve(p))
            .OfType<JsonObject>()
            .Select(p => new HostileParameter((string)p["name"]!, (string)p["in"]!, Resolve(p["schema"])))
            .ToList();

    HostileBody? Body(JsonObject? operation, RouteEndpoint endpoint)
    {
        if (operation?["requestBody"]?["content"] is JsonObject content && content.Count > 0)
        {
            var (type, media) = content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)) is { Value: not null } json ? json : content.First();
            return new HostileBody(type, Resolve(media?["schema"]), media?["example"]?.DeepClone());
        }
        // Not described in the document: the endpoint still says what it accepts.
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts)
            return new HostileBody(accepts.ContentTypes.FirstOrDefault() ?? "application/json", null, null);
        return null;
    }

    /// <summary>Follows $ref, and takes the non-null branch of a nullable oneOf/anyOf.</summary>
    public JsonObject? Resolve(JsonNode? node)
    {
        for (var depth = 0; depth < 32 && node is JsonObject o; depth++)
        {
            if (o["$ref"] is JsonValue reference)
            {
                var name = ((string)reference!).Split('/').Last();
                node = document["components"]?["schemas"]?[name] ?? document["components"]?["parameters"]?[name];
                continue;
            }
            if ((o["oneOf"] ?? o["anyOf"]) is JsonArray branches && o["properties"] is null)
            {
                node = branches.FirstOrDefault(b => (string?)b?["type"] != "null") ?? branches.FirstOrDefault();
                continue;
            }
            return o;
        }
        return null;
    }
}
