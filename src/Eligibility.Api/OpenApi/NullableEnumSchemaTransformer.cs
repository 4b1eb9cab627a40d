using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Eligibility.Api.OpenApi;

/// <summary>
/// When a nullable enum (Classification? in the eligibility answers) is the first use of an enum, the generator writes
/// the shared component with null among its values and no type, while each property already says
/// <c>oneOf: [null, $ref]</c>; null then matches both branches and validators reject every null example. The component
/// keeps only the enum's kebab-case strings; nullability stays on the properties.
/// </summary>
sealed class NullableEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is { IsEnum: true } && schema.Enum is { Count: > 0 } values
            && values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null))
        {
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
            schema.Type = JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }
}
