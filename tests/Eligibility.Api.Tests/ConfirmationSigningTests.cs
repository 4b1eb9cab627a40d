using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.ConfirmationArrange;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>What a signature holds: text as retyped (Unicode NFC) whatever the keyboard sent, and a date no later than today.</summary>
public sealed class ConfirmationSigningTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    /// <summary>Today in Vietnam (UTC+7), as the API's clock has it.</summary>
    static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>A draft of one approved request with every line decided; returns its id and ETag.</summary>
    async Task<(Guid Id, string ETag)> DecidedList(string association, string refusal)
    {
        var group = await Group(api, await Association(api, UrbanCommune, association), "Tổ TK&VV số 7");
        var household = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Trần Văn Hoà", "1980-03-03"));
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01"));
        await ApprovedRequest(api, household, group, "poor-household", 20_000_000m);
        var created = await official.Post($"/api/v1/communes/{UrbanCommune}/confirmation-lists", new { asOf = "2026-11-01" });
        var list = await created.Expect(HttpStatusCode.Created);
        var id = (Guid)list["id"]!;
        var line = (Guid)list["lines"]![0]!["id"]!;
        // Raw UTF-8, not \u escapes: the decomposed bytes themselves reach the API.
        var decided = await official.Send(HttpMethod.Post, $"/api/v1/confirmation-lists/{id}/lines/{line}/decision",
            $"{{\"result\":\"refused\",\"reason\":\"{refusal}\"}}", created.ETag());
        await decided.Expect(HttpStatusCode.OK);
        return (id, decided.ETag());
    }

    [Fact]
    public async Task AListSignedWithDecomposedText_HashesAsTheSameTextRetyped()
    {
        const string signer = "Phạm Văn Dũng", number = "15/QĐ-UBND", reason = "Hộ đã thoát nghèo";
        var (id, etag) = await DecidedList("womens-union", reason.Normalize(NormalizationForm.FormD));
        Assert.NotEqual(signer, signer.Normalize(NormalizationForm.FormD));

        var signed = await official.Send(HttpMethod.Post, $"/api/v1/confirmation-lists/{id}/signature",
            $"{{\"number\":\"{number.Normalize(NormalizationForm.FormD)}\",\"date\":\"2026-11-10\",\"signer\":\"{signer.Normalize(NormalizationForm.FormD)}\"}}", etag);
        var body = await signed.Expect(HttpStatusCode.OK);

        Assert.Equal(signer.Normalize(NormalizationForm.FormC), (string)body["signature"]!["signer"]!);
        Assert.Equal(reason.Normalize(NormalizationForm.FormC), (string)body["lines"]![0]!["reason"]!);
        // The recipe of the README on the text as typed precomposed (the JSON read back is NFC, so it is that text).
        var retyped = JsonNode.Parse(body.ToJsonString())!;
        retyped["signature"]!["signer"] = signer.Normalize(NormalizationForm.FormC);
        retyped["signature"]!["number"] = number.Normalize(NormalizationForm.FormC);
        retyped["lines"]![0]!["reason"] = reason.Normalize(NormalizationForm.FormC);
        Assert.Equal(ConfirmationTests.Sha256(ConfirmationTests.Canonical(retyped)), (string)body["contentHash"]!);
    }

    [Fact]
    public async Task AListIsSignedToday_AtTheLatest()
    {
        var (id, etag) = await DecidedList("farmers-union", "Không đủ điều kiện");
        var sign = (DateOnly date) => official.Post($"/api/v1/confirmation-lists/{id}/signature",
            new { number = "16/QĐ-UBND", date = date.ToString("yyyy-MM-dd"), signer = "Phạm Văn Dũng" }, etag);

        var tomorrow = await (await sign(VietnamToday.AddDays(1))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("after today", (string)tomorrow["errors"]!["date"]![0]!);
        Assert.Equal("draft", await api.Scalar<string>("SELECT status FROM confirmation_lists WHERE id = @id", ("id", id)));

        var today = await (await sign(VietnamToday)).Expect(HttpStatusCode.OK);
        Assert.Equal(VietnamToday.ToString("yyyy-MM-dd"), (string)today["signature"]!["date"]!);
    }
}
