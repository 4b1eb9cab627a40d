using System.Text.Json.Nodes;
using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Application.Households;
using Eligibility.Application.Loans;
using Eligibility.Application.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Eligibility.Api.OpenApi;

/// <summary>
/// Completes each operation from what the endpoint really does: who may call it (from its authorization metadata),
/// the ProblemDetails it can answer with, the If-Match / ETag contract, parameter descriptions and examples.
/// </summary>
sealed class OperationTransformer(IOptions<HttpJsonOptions> jsonOptions) : IOpenApiOperationTransformer
{
    public const string RequiredRolesExtension = "x-required-roles";
    const string ProblemJson = "application/problem+json";

    // Responses of these types carry the resource's version in an ETag header (the body leaves it out).
    static readonly HashSet<Type> Versioned = [typeof(HouseholdResponse), typeof(VillageResponse), typeof(LoanRequestResponse)];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var endpoint = context.Description;
        var metadata = endpoint.ActionDescriptor.EndpointMetadata;
        var operationId = operation.OperationId ?? "";
        bool anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var roles = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Roles.All.Contains).Distinct().ToList();
        bool hasBody = operation.RequestBody is not null;
        bool hasQuery = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
        operation.Responses ??= [];
        // Every If-Match operation declares 428 (ProducesProblem(428)): that is how we know it takes If-Match.
        bool needsIfMatch = operation.Responses.ContainsKey("428");

        DescribeAccess(operation, context, anonymous, roles);
        DescribeParameters(operation, endpoint.RelativePath ?? "");
        if (needsIfMatch)
            AddIfMatch(operation);
        AddExamples(operation, endpoint);
        AddSuccessHeaders(operation, endpoint);

        var problem = new OpenApiSchemaReference("ProblemDetails", context.Document);
        var validationProblem = new OpenApiSchemaReference("HttpValidationProblemDetails", context.Document);
        if (hasBody || hasQuery || operation.Responses.ContainsKey("400"))
            SetProblem(operation, 400, validationProblem, ErrorExamples.BadRequest(operationId),
                "The request is not valid: malformed JSON, an unknown field, a value of the wrong type, or a rule broken. `errors` names each field.");
        if (!anonymous)
            SetProblem(operation, 401, problem, Examples.Problem(401, "Unauthorized"),
                "No bearer token, or one that is expired, not yet valid, badly signed, for another issuer or audience, without " +
                "exactly one subject (sub), with a reserved subject (system, cli:...), with several roles, or living longer than allowed.");
        if (roles.Count > 0)
            SetProblem(operation, 403, problem, Examples.Problem(403, "Forbidden"),
                $"The token's role is not {string.Join(" or ", roles)}.");
        if (operation.Responses.ContainsKey("404"))
            SetProblem(operation, 404, problem, ErrorExamples.NotFound(operationId),
                roles.Contains(Roles.CommuneOfficial)
                    ? "Not found, or outside the communes in the caller's token (the two are indistinguishable on purpose)."
                    : "Not found.");
        if (operation.Responses.ContainsKey("409"))
            SetProblem(operation, 409, problem, ErrorExamples.Conflict(operationId),
                "Conflicts with data already recorded; `code` says which rule (e.g. personal-id-in-another-household, village-name-taken).");
        if (needsIfMatch)
        {
            SetProblem(operation, 412, problem, Examples.Problem(412, "The resource has changed.",
                    "The household was changed since you read it (If-Match does not match its current ETag). Read it again and retry.", "stale-version"),
                "If-Match does not name the current version: someone changed the resource since you read it. Read it again and retry.");
            SetProblem(operation, 428, problem, Examples.Problem(428, "If-Match is required.",
                    "Send the ETag you last read in an If-Match header, so that changes made meanwhile are not overwritten.", "if-match-required"),
                "If-Match is missing.");
        }
        if (hasBody)
        {
            SetProblem(operation, 413, problem, Examples.Problem(413, "The request body is too large.", "Bodies are limited to 1024 KiB."),
                "The body is over 1 MiB.");
            var mediaType = operation.RequestBody!.Content?.Keys.FirstOrDefault() ?? "application/json";
            SetProblem(operation, 415, problem,
                mediaType == "text/csv" ? Examples.Problem(415, "Unsupported media type.", "Send the unit list as text/csv.") : Examples.Problem(415, "Unsupported Media Type"),
                $"The body is not sent as {mediaType}.");
        }
        if (operation.Responses.ContainsKey("429"))
        {
            SetProblem(operation, 429, problem, ErrorExamples.TooManyRequests(operationId),
                "A limit of the caller's was reached (the description says which); retry after the number of seconds in Retry-After.");
            RetryAfter(operation, 429, "Seconds to wait before retrying.");
        }
        SetProblem(operation, 500, problem, Examples.Problem(500, "An unexpected error occurred.", "The error has been logged; quote the trace id when reporting it."),
            "An unexpected error. The body shows no internals; quote its traceId when reporting it.");
        // Anonymous operations (the development token) do not touch the database.
        if (!anonymous)
        {
            SetProblem(operation, 503, problem, Examples.Problem(503, "The service is temporarily unavailable.", "The database cannot be reached. Retry shortly."),
                "The database cannot be reached; retry after the number of seconds in Retry-After.");
            RetryAfter(operation, 503, "Seconds to wait before retrying.");
        }

        operation.Responses = Sorted(operation.Responses);
        return Task.CompletedTask;
    }

    static void DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, bool anonymous, List<string> roles)
    {
        string access;
        if (anonymous)
            access = "Access: anonymous, no token needed.";
        else
        {
            // OpenAPI 3.1 would let the requirement list the roles, but tools (spectral's oas rules among them) read a
            // non-empty list as OAuth scopes; the roles go in x-required-roles instead.
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] }];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RequiredRolesExtension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)r!).ToArray()));
            access = roles.Count > 0
                ? $"Access: a bearer token with role {string.Join(" or ", roles.Select(r => $"`{r}`"))}."
                : "Access: any valid bearer token, whatever its role.";
        }
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? access : $"{operation.Description}\n\n{access}";
    }

    static void DescribeParameters(OpenApiOperation operation, string route)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var resource = ResourceBefore(route, parameter.Name ?? "");
            (parameter.Description, parameter.Example) = (parameter.Name, resource) switch
            {
                ("code", "provinces") => ("Two-digit province code.", (JsonNode)Examples.ProvinceCode),
                ("code", "communes") => ("Five-digit commune code.", Examples.CommuneCode),
                ("code", "standards") => ("Standard code, e.g. 2022-2025 or 2027-2030.", "2022-2025"),
                ("code", "programmes") => ("Programme code, e.g. poor-household.", "poor-household"),
                ("id", "villages") => ("Village id.", Examples.VillageId.ToString()),
                ("id", "households") => ("Household id.", Examples.HouseholdId.ToString()),
                ("id", _) => ($"Id of the {Singular(resource)}.", parameter.Example),
                ("memberId", _) => ("Member id.", Examples.ChildId.ToString()),
                ("householdId", _) => ("Household id.", Examples.HouseholdId.ToString()),
                ("lineId", _) => ("Id of the line of the list.", parameter.Example),
                ("village", _) => ("Only households of this village (its id).", Examples.VillageId.ToString()),
                ("name", _) => ("Households with a member whose name contains this, ignoring case and diacritics; at most 100 characters.", "nguyen thi hoa"),
                ("page", _) => ("Page number, from 1 (default 1).", 1),
                ("pageSize", _) => ($"Items per page, 1 to {PageRequest.MaxPageSize} (default {PageRequest.DefaultPageSize}).", PageRequest.DefaultPageSize),
                _ => (parameter.Description, parameter.Example),
            };
            if (parameter.Schema is OpenApiSchema schema)
                switch (parameter.Name, resource)
                {
                    case ("code", "provinces"): schema.Pattern = "^[0-9]{2}$"; break;
                    case ("code", "communes"): schema.Pattern = "^[0-9]{5}$"; break;
                    case ("name", _): schema.MaxLength = 100; break;
                    case ("page", _): schema.Minimum = "1"; break;
                    case ("pageSize", _): schema.Minimum = "1"; schema.Maximum = PageRequest.MaxPageSize.ToString(); break;
                }
        }
    }

    /// <summary>The path segment a route parameter belongs to: "households" for {id} in api/v1/households/{id}/members.</summary>
    static string ResourceBefore(string route, string parameter)
    {
        var segments = route.Split('/');
        int index = Array.FindIndex(segments, s => s.StartsWith($"{{{parameter}", StringComparison.Ordinal));
        return index > 0 ? segments[index - 1] : "";
    }

    static string Singular(string resource) => resource.EndsWith('s') ? resource[..^1].Replace('-', ' ') : resource.Replace('-', ' ');

    static void AddIfMatch(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = true,
            Description = "The ETag from the last response for this resource (a strong entity tag, quotes included). " +
                "Without it the answer is 428; with an outdated one, 412.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
            Example = Examples.ETag,
        });
    }

    void AddExamples(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription endpoint)
    {
        var json = jsonOptions.Value.SerializerOptions;
        if (operation.RequestBody?.Content is { } requestContent)
        {
            var bodyType = endpoint.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
            foreach (var (mediaType, content) in requestContent)
                content.Example = mediaType == "text/csv" ? Examples.UnitListCsv : bodyType is null ? null : Examples.For(bodyType, json);
        }
        foreach (var response in endpoint.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300 && r.Type is not null))
            if (operation.Responses!.TryGetValue(response.StatusCode.ToString(), out var declared) && declared.Content is { } content
                && Examples.For(response.Type!, json) is { } example)
                foreach (var media in content.Values.OfType<OpenApiMediaType>())
                    media.Example = example;
    }

    static void AddSuccessHeaders(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription endpoint)
    {
        foreach (var response in endpoint.SupportedResponseTypes.Where(r => r.StatusCode is 200 or 201))
        {
            if (!operation.Responses!.TryGetValue(response.StatusCode.ToString(), out var declared) || declared is not OpenApiResponse success)
                continue;
            if (response.Type is not null && Versioned.Contains(response.Type))
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The version of the resource now stored; send it back in If-Match to change it.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = Examples.ETag,
                };
            }
            if (response.StatusCode == 201)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers["Location"] = new OpenApiHeader
                {
                    Description = "The URL of the created resource.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                };
            }
            success.Description = response.StatusCode == 201 ? "Created." : success.Description;
        }
    }

    static void RetryAfter(OpenApiOperation operation, int status, string description) =>
        ((OpenApiResponse)operation.Responses![status.ToString()]).Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        };

    static void SetProblem(OpenApiOperation operation, int status, IOpenApiSchema schema, JsonNode example, string description) =>
        operation.Responses![status.ToString()] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema, Example = example } },
        };

    static OpenApiResponses Sorted(OpenApiResponses responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            sorted[status] = response;
        return sorted;
    }
}

/// <summary>Error bodies as the operations really write them, for the examples.</summary>
static class ErrorExamples
{
    public static JsonNode BadRequest(string operationId) => operationId switch
    {
        "CreateHousehold" => Examples.ValidationProblem("members[0].personalId",
            "Digits 4-6 of the personal ID number encode birth year 1978, but the member was born in 1987."),
        "AddMember" or "UpdateMember" => Examples.ValidationProblem("dateOfBirth", "The date of birth cannot be in the future."),
        "UpdateHousehold" => Examples.ValidationProblem("formerHeadRelationship",
            "When the head changes, give the former head's new relationship (not 'head')."),
        "CreateVillage" or "RenameVillage" => Examples.ValidationProblem("name", "The village name must not be empty."),
        "FindHouseholdByPersonalId" => Examples.ValidationProblem("personalId", "The personal ID number must be exactly 12 digits."),
        "ListHouseholds" => Examples.ValidationProblem("pageSize", $"The page size is 1 to {PageRequest.MaxPageSize}."),
        "ImportUnits" => Examples.ValidationProblem("line 3.commune_code", "Line 3: '2477' is not a 5-digit commune code."),
        "IssueDevToken" => Examples.ValidationProblem("role", $"The role is one of: {string.Join(", ", Roles.All)}."),
        _ => Examples.ValidationProblem("body", "The body is not valid JSON."),
    };

    public static JsonNode TooManyRequests(string operationId)
    {
        if (operationId != "LookupEligibility")
            return Examples.Problem(429, "Too many requests.");
        var exceeded = EligibilityService.QuotaExceeded(LookupOptions.DefaultDailyIdQuota);
        return Examples.Problem(429, "Too many requests.", exceeded.Message, exceeded.Code);
    }

    public static JsonNode NotFound(string operationId) => operationId switch
    {
        "ListCommunesOfProvince" => Examples.Problem(404, "Not found.", "Province was not found.", "not-found"),
        "GetCommune" or "ListVillages" or "CreateVillage" or "ListHouseholds" => Examples.Problem(404, "Not found.", "Commune was not found.", "not-found"),
        "RenameVillage" => Examples.Problem(404, "Not found.", "Village was not found.", "not-found"),
        "FindHouseholdByPersonalId" => Examples.Problem(404, "Not found.",
            "No household in your communes has a member with this personal ID number.", "not-found"),
        "UpdateMember" or "RemoveMember" => Examples.Problem(404, "Not found.", "Member was not found.", "not-found"),
        _ => Examples.Problem(404, "Not found.", "Household was not found.", "not-found"),
    };

    public static JsonNode Conflict(string operationId) => operationId switch
    {
        "CreateVillage" or "RenameVillage" => Examples.Problem(409, "Conflict with the current state.",
            "The commune already has a village named \"Tổ dân phố 3\".", "village-name-taken", "name"),
        "RemoveMember" => Examples.Problem(409, "Conflict with the current state.",
            "The head cannot be removed; make another member the head first.", "head-cannot-be-removed"),
        "CreateHousehold" => Examples.Problem(409, "Conflict with the current state.",
            $"This personal ID number is already recorded for a member of household {Examples.HouseholdId}.",
            "personal-id-in-another-household", "members[0].personalId"),
        _ => Examples.Problem(409, "Conflict with the current state.",
            "This personal ID number is already recorded for a member of another household.", "personal-id-in-another-household", "personalId"),
    };
}
