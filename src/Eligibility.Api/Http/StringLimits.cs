using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Eligibility.Domain.Common;

namespace Eligibility.Api.Http;

/// <summary>
/// Refuses a JSON request body holding a string (a value or a property name) longer than the limit, with a 400 naming
/// the field. System.Text.Json limits depth but not string length. A converter for string would do it during binding,
/// but it hides the string type from the OpenAPI schemas, so the body is scanned once here instead: a forward-only
/// pass of Utf8JsonReader over at most the body limit, and strings are only decoded when their bytes exceed the limit,
/// are escaped or are not ASCII. A body that is not valid JSON is passed on untouched: binding reports it as before.
/// Text that no field can hold is refused the same way: a string or name that is not valid Unicode (invalid UTF-8, an
/// unpaired surrogate escape), that holds U+FFFE (Unicode normalisation refuses it), or a control, bidirectional or
/// zero-width character (<see cref="FreeText"/>; NUL among them, which PostgreSQL text cannot store). This is the
/// one place that sees every string of every request type, so no request type can miss the rule. Every string value
/// is then bound in Unicode NFC: a body with a decomposed string is rewritten, so that "Hoà" typed either way is the
/// same text everywhere (names, purposes, signers, the content hash). Query strings are refused for the same
/// characters.
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
        // Query strings reach SQL too (audit filters, village names): the same characters are refused there.
        foreach (var (name, values) in context.Request.Query)
            if ((Problem(name, int.MaxValue) ?? values.Select(v => v is null ? null : Problem(v, int.MaxValue)).FirstOrDefault(m => m is not null)) is { } queryProblem)
            {
                await Refuse(context, problems, name, queryProblem);
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

        var json = body.GetBuffer().AsSpan(0, (int)body.Length);
        var scan = Scan(json, maxLength);
        if (scan.Invalid is ({ } field, { } message))
        {
            await Refuse(context, problems, field, message);
            return;
        }
        if (scan.Decomposed)
        {
            var composed = Composed(json);
            context.Request.Body = new MemoryStream(composed, writable: false);
            context.Request.ContentLength = composed.Length;
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
    /// The path of the first overlong or unstorable string or name ("members[0].fullName", "body" at the top) and why,
    /// null when there is none; and whether a string value is not in Unicode NFC.
    /// </summary>
    public static ((string Field, string Message)? Invalid, bool Decomposed) Scan(ReadOnlySpan<byte> json, int maxLength)
    {
        var reader = new Utf8JsonReader(json, Reading);
        // One entry per open container: the property or index it is at.
        var path = new List<(bool Array, int Index, string? Property)>();
        var decomposed = false;
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
                            return ((Format(path), nameProblem), decomposed);
                        continue;
                    case JsonTokenType.String:
                        // Counted first, so that a string in an array is named by its own index.
                        Advance(path);
                        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                        // A UTF-8 string has at least as many bytes as UTF-16 characters: only long ones need decoding
                        // for their length; only escaped or non-ASCII ones can hold a refused or decomposed character
                        // (JSON has no raw control characters below U+0020).
                        if (bytes > maxLength || reader.ValueIsEscaped || !IsAscii(ref reader))
                        {
                            var text = reader.GetString()!;
                            if (Problem(text, maxLength) is { } valueProblem)
                                return ((Format(path), valueProblem), decomposed);
                            decomposed |= !text.IsNormalized(NormalizationForm.FormC);
                        }
                        continue;
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
            return (null, false);
        }
        catch (InvalidOperationException)
        {
            // The reader could not decode the token it was on (invalid UTF-8, an unpaired surrogate escape).
            return ((Format(path), "The text is not valid Unicode."), decomposed);
        }
        return (null, decomposed);
    }

    static readonly JsonReaderOptions Reading = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The same JSON with every string value in NFC; the scan has checked that every token reads.</summary>
    static byte[] Composed(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 64);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(json, Reading);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
                    case JsonTokenType.String: writer.WriteStringValue(reader.GetString()!.Normalize(NormalizationForm.FormC)); break;
                    default: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                }
            }
        }
        return output.WrittenSpan.ToArray();
    }

    static string? Problem(string text, int maxLength)
    {
        if (text.Length > maxLength)
            return $"Text is limited to {maxLength} characters.";
        if (FreeText.Problem(text) is { } refused)
            return refused;
        return text.Contains('\uFFFE') ? "The text holds a character that cannot be stored (U+FFFE)." : null;
    }

    static bool IsAscii(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? System.Text.Ascii.IsValid(reader.ValueSequence.ToArray()) : System.Text.Ascii.IsValid(reader.ValueSpan);

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
