using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Eligibility.Api.Http;

/// <summary>
/// Refuses a JSON request body holding a string (a value or a property name) longer than the limit, with a 400 naming
/// the field. System.Text.Json limits depth but not string length. A converter for string would do it during binding,
/// but it hides the string type from the OpenAPI schemas, so the body is scanned once here instead: a forward-only
/// pass of Utf8JsonReader over at most the body limit, and strings are only decoded when their bytes exceed the limit.
/// A body that is not valid JSON is passed on untouched: binding reports it as before. Text that no field can hold is
/// refused the same way: a string or name that is not valid Unicode (invalid UTF-8, an unpaired surrogate escape), or
/// that holds NUL (PostgreSQL text cannot store it) or U+FFFE (Unicode normalisation refuses it). Escaped strings and
/// strings with the bytes of U+FFFE are decoded to check them. Query strings, which reach SQL as well, are refused
/// for NUL and U+FFFE too.
/// </summary>
sealed class StringLimitMiddleware(RequestDelegate next, int maxLength)
{
    public const string ConfigurationKey = "Limits:MaxStringLength";
    public const int DefaultMaxLength = 10_000;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }
        // Query strings reach SQL too (search by name, audit filters): no NUL there either.
        foreach (var (name, values) in context.Request.Query)
            if (Unstorable(name) || values.Any(v => v is not null && Unstorable(v)))
            {
                await Refuse(context, problems, name, UnstorableMessage);
                return;
            }
        if (!context.Request.HasJsonContentType() || context.Request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;

        if (FindInvalid(body.GetBuffer().AsSpan(0, (int)body.Length), maxLength) is ({ } field, { } message))
        {
            await Refuse(context, problems, field, message);
            return;
        }
        await next(context);
    }

    static async Task Refuse(HttpContext context, IProblemDetailsService problems, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = 400,
                Title = "The request is not valid.",
            },
        });
    }

    /// <summary>
    /// The path of the first overlong or unstorable string or name ("members[0].fullName", "body" at the top) and why;
    /// null when there is none.
    /// </summary>
    public static (string Field, string Message)? FindInvalid(ReadOnlySpan<byte> json, int maxLength)
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
                        if (Problem(name, maxLength) is { } nameProblem)
                            return (Format(path), nameProblem);
                        continue;
                    case JsonTokenType.String:
                        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                        // A UTF-8 string has at least as many bytes as UTF-16 characters: only long ones need decoding
                        // for their length; only escaped ones can hold NUL.
                        if ((bytes > maxLength || reader.ValueIsEscaped || HasNonCharacterBytes(ref reader))
                            && Problem(reader.GetString()!, maxLength) is { } valueProblem)
                            return (Format(path), valueProblem);
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
        catch (InvalidOperationException)
        {
            // The reader could not decode the token it was on (invalid UTF-8, an unpaired surrogate escape).
            return (Format(path), "The text is not valid Unicode.");
        }
        return null;
    }

    static string? Problem(string text, int maxLength)
    {
        if (text.Length > maxLength)
            return $"Text is limited to {maxLength} characters.";
        return Unstorable(text) ? UnstorableMessage : null;
    }

    const string UnstorableMessage = "The text holds a character that cannot be stored (NUL or U+FFFE).";

    static bool Unstorable(string text) => text.Contains('\0') || text.Contains('\uFFFE');

    static ReadOnlySpan<byte> NonCharacter => [0xEF, 0xBF, 0xBE];

    static bool HasNonCharacterBytes(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.ToArray().AsSpan().IndexOf(NonCharacter) >= 0 : reader.ValueSpan.IndexOf(NonCharacter) >= 0;

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
