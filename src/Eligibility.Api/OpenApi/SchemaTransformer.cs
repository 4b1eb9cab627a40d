using System.Text.Json.Nodes;
using Eligibility.Api.Auth;
using Eligibility.Application.Common;
using Eligibility.Application.Households;
using Eligibility.Application.Units;
using Eligibility.Domain.Households;
using Eligibility.Domain.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Eligibility.Api.OpenApi;

/// <summary>Makes the generated schemas say what the API really reads and writes, with the validators' limits.</summary>
sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    const string PersonalIdPattern = "^[0-9]{12}$";
    const string CommuneCodePattern = "^[0-9]{5}$";

    static readonly Dictionary<Type, string> EnumDescriptions = new()
    {
        [typeof(Sex)] = "Sex as recorded on the ID card.",
        [typeof(Relationship)] = "Relationship to the head of household, as on the household registration form.",
        [typeof(CommuneKind)] = "xa: rural commune (xã); phuong: urban ward (phường); dac-khu: special zone (đặc khu).",
        [typeof(AreaType)] = "The area type the poverty line depends on.",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;

        // Enums are written as kebab-case strings (JsonStringEnumConverter), e.g. "child-in-law".
        if (schema.Enum is { Count: > 0 } && schema.Type is null && Nullable.GetUnderlyingType(type) is null && type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            if (EnumDescriptions.TryGetValue(type, out var enumDescription))
                schema.Description = enumDescription;
        }

        // The web JSON defaults also read numbers from strings, so the generator types integers as "integer or
        // numeric string". The API writes plain numbers and clients should send them: document that.
        if (schema.Type is { } t && t.HasFlag(JsonSchemaType.Integer) && t.HasFlag(JsonSchemaType.String))
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // Problem bodies carry extension members (traceId, and code/field for rule failures) beside the RFC 9457 ones.
        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Description = type == typeof(HttpValidationProblemDetails)
                ? "RFC 9457 problem details; `errors` maps each invalid field (a JSON path such as members[0].personalId) to its messages."
                : "RFC 9457 problem details.";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A stable code for the rule that failed, e.g. personal-id-in-another-household." };
            schema.Properties["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field the problem is about, when there is one." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting an error." };
        }

        if (context.JsonPropertyInfo is { } property)
            DescribeProperty(schema, property.DeclaringType, property.Name);
        return Task.CompletedTask;
    }

    static void DescribeProperty(OpenApiSchema schema, Type owner, string name)
    {
        switch (owner.Name, name)
        {
            case (nameof(MemberRequest) or nameof(MemberResponse), "fullName"):
                schema.Description = "Full name as written, e.g. \"Nguyễn Thị Hoà\"; stored in Unicode NFC and read back identical.";
                if (owner == typeof(MemberRequest)) { schema.MinLength = 1; schema.MaxLength = PersonName.MaxLength; }
                break;
            case (nameof(MemberRequest) or nameof(MemberResponse), "dateOfBirth"):
                schema.Description = "Not before 1900-01-01 and not in the future.";
                break;
            case (nameof(MemberRequest) or nameof(MemberResponse) or nameof(PersonalIdSearchRequest), "personalId"):
                schema.Pattern = PersonalIdPattern;
                schema.Description = "12-digit personal identification number: digits 1-3 the province code, digit 4 sex and century " +
                    "(0 male / 1 female born 1900-1999, 2 male / 3 female born 2000-2099), digits 5-6 the birth year's last two digits. " +
                    (owner == typeof(PersonalIdSearchRequest) ? "" : "Null for a child who has none yet. Unique across households.");
                break;
            case (nameof(MemberRequest) or nameof(MemberResponse), "ethnicity"):
                schema.Description = "Ethnic group, e.g. \"Kinh\", \"Ê Đê\", \"K'Ho\".";
                if (owner == typeof(MemberRequest)) schema.MaxLength = 50;
                break;
            case (nameof(MemberRequest) or nameof(MemberResponse), "hasHealthInsurance" or "schooling"):
                schema.Description = "Null when not known.";
                break;
            case (nameof(MemberRequest) or nameof(MemberResponse), "receivesSocialAllowance"):
                schema.Description = "Receives a monthly social allowance (elderly or disabled people counted as dependants).";
                break;
            case (nameof(CreateHouseholdRequest) or nameof(HouseholdResponse) or nameof(HouseholdSummary) or nameof(VillageResponse), "communeCode"):
                schema.Pattern = CommuneCodePattern;
                schema.Description = "Five-digit commune code.";
                break;
            case (nameof(CreateHouseholdRequest) or nameof(UpdateHouseholdRequest), "address"):
                schema.MaxLength = Household.MaxAddressLength;
                schema.Description = "House number and street within the village.";
                break;
            case (nameof(CreateHouseholdRequest), "villageId"):
                schema.Description = "A village of the commune.";
                break;
            case (nameof(CreateHouseholdRequest), "members"):
                schema.MinItems = 1;
                schema.MaxItems = Household.MaxMembers;
                schema.Description = "Exactly one member has relationship \"head\"; no personal ID number twice.";
                break;
            case (nameof(UpdateHouseholdRequest), "headMemberId"):
                schema.Description = "The head: a member of this household.";
                break;
            case (nameof(UpdateHouseholdRequest), "formerHeadRelationship"):
                schema.Description = "Required when the head changes: the former head's relationship to the new head (not \"head\").";
                break;
            case (nameof(HouseholdResponse), "provinceCode"):
                schema.Pattern = "^[0-9]{2}$";
                schema.Description = "Two-digit province code of the household's commune.";
                break;
            case (nameof(VillageRequest), "name"):
                schema.MinLength = 1;
                schema.MaxLength = Village.MaxNameLength;
                schema.Description = "e.g. \"Thôn 3\", \"Ấp Tân Hòa\", \"Tổ dân phố 5\"; unique within the commune, ignoring case and diacritics.";
                break;
            case (nameof(DevTokenRequest), "role"):
                schema.Enum = Roles.All.Select(r => (JsonNode)JsonValue.Create(r)).ToList();
                break;
            case (nameof(DevTokenRequest), "communes"):
                schema.Description = "Five-digit codes of the communes an official works for; required for commune-official.";
                if (schema.Items is OpenApiSchema commune) commune.Pattern = CommuneCodePattern;
                break;
            case (nameof(DevTokenRequest), "subject"):
                schema.MaxLength = 100;
                schema.Description = "The token's subject; defaults to dev-{role}.";
                break;
            case (nameof(UnitImportResult), _):
                schema.Description = name switch
                {
                    "provinces" => "Provinces in the file.",
                    "communes" => "Communes in the file.",
                    "provincesAdded" => "Provinces that were new (the others were updated).",
                    "communesAdded" => "Communes that were new (the others were updated).",
                    _ => schema.Description,
                };
                break;
        }
    }
}
