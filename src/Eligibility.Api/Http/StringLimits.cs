using System.Text;
using System.Text.Json;

namespace Eligibility.Api.Http;

/// <summary>
/// Refuses a JSON request body holding a string (a value or a property name) longer than the limit, with a 400 naming
/// the field. System.Text.Json limits depth but not string length. A converter for string would do it during binding,
/// but it hides the string type from the OpenAPI schemas, so the body is scanned once here instead: a forward-only
/// pass of Utf8JsonReader over at most the body limit, and strings are only decoded when their bytes exceed the limit.
/// A body that is not valid JSON is passed on untouched: binding reports it as before.
/// </summary>
sealed class StringLimitMiddleware(RequestDelegate next, int maxLength)
{
    public const string ConfigurationKey = "Limits:MaxStringLength";
    public const int DefaultMaxLength = 10_000;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.GetEndpoint() is null || !context.Request.HasJsonContentType() || context.Request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;

        if (FindOverlong(body.GetBuffer().AsSpan(0, (int)body.Length), maxLength) is { } field)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = [$"Text is limited to {maxLength} characters."],
                })
                { Status = 400, Title = "The request is not valid." },
            });
            return;
        }
        await next(context);
    }

    /// <summary>The path of the first overlong string ("members[0].fullName", "body" at the top), or null.</summary>
    public static string? FindOverlong(ReadOnlySpan<byte> json, int maxLength)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        // One entry per open container: the property or index it is at.
        var path = new List<(bool Array, int Index, string? Property)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path[^1] = (false, 0, name.Length > maxLength ? name[..20] + "…" : name);
                        if (name.Length > maxLength)
                            return Format(path);
                        continue;
                    case JsonTokenType.String:
                        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                        // A UTF-8 string has at least as many bytes as UTF-16 characters: only long ones need decoding.
                        if (bytes > maxLength && reader.GetString()!.Length > maxLength)
                            return Format(path);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                }
                Advance(path);
            }
        }
        catch (JsonException)
        {
            // Not JSON, or deeper than anything binding accepts: binding answers for it.
        }
        return null;
    }

    /// <summary>A value was read: in an array, it is the next element.</summary>
    static void Advance(List<(bool Array, int Index, string? Property)> path)
    {
        if (path.Count > 0 && path[^1].Array)
            path[^1] = (true, path[^1].Index + 1, null);
    }

    static string Format(List<(bool Array, int Index, string? Property)> path)
    {
        var field = new StringBuilder();
        foreach (var (array, index, property) in path)
        {
            if (array)
                field.Append('[').Append(index).Append(']');
            else if (property is not null)
                field.Append(field.Length == 0 ? "" : ".").Append(property);
        }
        return field.Length == 0 ? "body" : field.ToString();
    }
}

public static class StringLimitExtensions
{
    public static IApplicationBuilder UseStringLimit(this IApplicationBuilder app, IConfiguration configuration) =>
        app.UseMiddleware<StringLimitMiddleware>(
            configuration.GetValue(StringLimitMiddleware.ConfigurationKey, StringLimitMiddleware.DefaultMaxLength));
}
