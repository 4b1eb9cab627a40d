using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eligibility.Api.Tests.Infrastructure;

public static class Http
{
    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, url, body, ifMatch);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.Send(HttpMethod.Put, url, body, ifMatch);

    public static async Task<JsonNode> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>Asserts the status and returns the JSON body, showing the body when the status is not the one expected.</summary>
    public static async Task<JsonNode> Expect(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a ProblemDetails response with this status and returns it.</summary>
    public static async Task<JsonNode> ExpectProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.Expect(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (int)problem["status"]!);
        return problem;
    }

    /// <summary>The fields a 400 ValidationProblem names.</summary>
    public static async Task<IReadOnlyList<string>> ExpectValidationErrors(this HttpResponseMessage response)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        return problem["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag header.");

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
