using System.Text.Json;
using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Eligibility.Api.Audit;

/// <summary>Endpoint metadata: a successful response of this endpoint carries personal data of this entity.</summary>
public sealed record PersonalDataReadMetadata(string Entity, string IdProperty);

/// <summary>Endpoint metadata: a replayed response of this idempotent endpoint carries personal data of this entity.</summary>
public sealed record ReplayedPersonalDataMetadata(string Entity, string IdProperty);

public static class PersonalDataReads
{
    /// <summary>
    /// As <c>idProperty</c>: the record read is the route's <c>{id}</c> (an answer about that record that does not carry
    /// its id), so the entry is made without looking into the body.
    /// </summary>
    public const string RouteId = "{id}";

    /// <summary>
    /// Records, before a successful response leaves, who read which records: the body's <paramref name="idProperty"/>
    /// for one record, or its items' for a list (a bare array or a page's <c>items</c>), with their commune. A list
    /// nested under a route <c>{id}</c> names that id as the entity it belongs to. If the entry cannot be written, the
    /// data is not sent.
    /// </summary>
    public static TBuilder AuditsPersonalDataRead<TBuilder>(this TBuilder builder, string entity, string idProperty = "id")
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new PersonalDataReadMetadata(entity, idProperty));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } and IValueHttpResult { Value: { } value })
            {
                var http = context.HttpContext;
                var body = idProperty == RouteId ? null : JsonSerializer.SerializeToNode(value, value.GetType(),
                    http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);
                await Record(http, entity, idProperty, body);
            }
            return result;
        });
    }

    /// <summary>
    /// For an idempotent creation whose answer carries personal data: the first answer is the change itself, recorded
    /// with it; a replay of that answer (Idempotency-Key) sends the data again, and is recorded as a read before it is
    /// sent. Only metadata: the first answer is not a read (and its transaction holds the audit chain, so a read
    /// recorded beside it would wait for it).
    /// </summary>
    public static RouteHandlerBuilder AuditsReplayedPersonalData(this RouteHandlerBuilder builder, string entity, string idProperty = "id") =>
        builder.WithMetadata(new ReplayedPersonalDataMetadata(entity, idProperty));

    /// <summary>Records the read of a response body of an endpoint so marked (also when an idempotent response is replayed).</summary>
    public static Task Record(HttpContext http, string entity, string idProperty, JsonNode? body)
    {
        var route = http.GetRouteData().Values;
        var read = idProperty == RouteId
            ? new PersonalDataRead(entity, RouteValue(route, "id"), null, RouteValue(route, "code"), null)
            : Describe(entity, idProperty, body, route);
        return http.RequestServices.GetRequiredService<IAuditLog>().RecordRead(read, http.RequestAborted);
    }

    static PersonalDataRead Describe(string entity, string idProperty, JsonNode? body, RouteValueDictionary route)
    {
        var routeId = RouteValue(route, "id");
        var routeCommune = RouteValue(route, "code");
        if (body is JsonObject one && one[idProperty] is { } single)
            return new(entity, single.ToString(), null, Text(one, "communeCode") ?? routeCommune, Text(one, "provinceCode"));

        var items = (body as JsonArray ?? (body as JsonObject)?["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var communes = items.Select(i => Text(i, "communeCode")).OfType<string>().Distinct().ToList();
        var provinces = items.Select(i => Text(i, "provinceCode")).OfType<string>().Distinct().ToList();
        return new(entity, routeId,
            items.Select(i => i[idProperty]?.ToString()).OfType<string>().ToList(),
            routeCommune ?? (communes.Count == 1 ? communes[0] : null),
            provinces.Count == 1 ? provinces[0] : null);
    }

    static string? RouteValue(RouteValueDictionary route, string name) =>
        route.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    static string? Text(JsonObject o, string property) => o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
