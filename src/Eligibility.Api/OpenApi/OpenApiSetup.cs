using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Eligibility.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddEligibilityOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddSchemaTransformer<SchemaTransformer>();
        });
}

/// <summary>The document as a whole: what the API is, its conventions, tags, the bearer scheme, and the health routes.</summary>
sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    const string HealthTag = "Health";

    static readonly (string Name, string Description)[] Tags =
    [
        ("Administrative units", "Provinces, communes (xã, phường, đặc khu) and villages. Everyone signed in reads them; " +
            "commune officials create and rename the villages of their communes; admins import the official unit list."),
        ("Households", "The household registry of a commune: households and their members. Commune officials only, and only " +
            "for the communes in their token: any other household answers 404."),
        ("Standards and programmes", "Poverty standards and loan programmes as versioned data: everyone signed in reads them; " +
            "admins schedule new versions for future dates."),
        ("Poverty reviews", "Reviews under the multidimensional standard, their recognition, and each household's status history."),
        ("Eligibility", "Which loan programmes a household qualifies for, why, on what terms and until when."),
        ("Reports", "Aggregate counts for province viewers; never a personal row."),
        (HealthTag, "Liveness and readiness probes; no token needed."),
        ("Development", "Helpers that exist only when the API runs in the Development environment."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Eligibility API",
            Version = "v1",
            Description = """
                Household registry, poverty reviews and social-policy loan eligibility for Vietnamese communes.

                - **Access**: every operation except health and the development token needs a bearer JWT. The role it needs
                  is given in the operation's description and in its `x-required-roles` extension (the token's `role` must be
                  one of them; an empty list means any valid token).
                - **Errors** are RFC 9457 problem details (`application/problem+json`); rule failures add a `code`, and
                  validation failures an `errors` object naming each field.
                - **Concurrency**: responses for a household or village carry an `ETag`; changing one requires it back in
                  `If-Match` (missing: 428, outdated: 412).
                - **Enums** are kebab-case strings, e.g. `child-in-law`. Unknown JSON fields are rejected.
                """,
            Contact = new OpenApiContact { Name = "Eligibility maintainers", Url = new Uri("https://example.org/eligibility") },
        };

        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OpenApiSetup.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A signed JWT with 'role' (commune-official, admin) and, for officials, 'communes' (commune codes). " +
                    "In Development, POST /dev/token issues one.",
            },
        };

        AddHealth(document);

        // Declared in a fixed order, each with a description.
        var declared = document.Tags ?? new HashSet<OpenApiTag>();
        document.Tags = new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags)
            if (declared.Any(t => t.Name == name) || name == HealthTag)
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        foreach (var other in declared.Where(t => Tags.All(known => known.Name != t.Name)))
            document.Tags.Add(other);
        return Task.CompletedTask;
    }

    // MapHealthChecks endpoints are not described by ApiExplorer; they are part of the contract, so describe them here.
    static void AddHealth(OpenApiDocument document)
    {
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = HealthPath(document, "GetLiveness", "Liveness probe",
            "Answers 200 \"Healthy\" while the process runs; it checks nothing else.", ready: false);
        document.Paths["/health/ready"] = HealthPath(document, "GetReadiness", "Readiness probe",
            "Answers 200 \"Healthy\" when the database answers, otherwise 503 \"Unhealthy\".", ready: true);
    }

    static OpenApiPathItem HealthPath(OpenApiDocument document, string operationId, string summary, string description, bool ready)
    {
        static OpenApiResponse Text(string description, string example) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Unhealthy")] }, Example = example },
            },
        };
        var responses = new OpenApiResponses { ["200"] = Text("Healthy.", "Healthy") };
        if (ready)
            responses["503"] = Text("The database cannot be reached.", "Unhealthy");
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Description = $"{description}\n\nAccess: anonymous, no token needed.",
                    Tags = new HashSet<OpenApiTagReference> { new(HealthTag, document) },
                    Responses = responses,
                },
            },
        };
    }
}
