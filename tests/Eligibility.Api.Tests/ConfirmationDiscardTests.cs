using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.ConfirmationArrange;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// A draft confirmation list compiled by mistake can be discarded: its requests go back to be compiled again, the audit
/// trail keeps what it held; a signed list is never deleted.
/// </summary>
public sealed class ConfirmationDiscardTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(RuralCommune);

    Task<HttpResponseMessage> Discard(HttpClient client, Guid list, string? etag) =>
        client.Send(HttpMethod.Delete, $"/api/v1/confirmation-lists/{list}", ifMatch: etag);

    Task<HttpResponseMessage> Compile() =>
        official.Post($"/api/v1/communes/{RuralCommune}/confirmation-lists", new { programme = "poor-household", asOf = "2026-11-01" });

    [Fact]
    public async Task ADraft_IsDiscardedWithItsLines_ItsRequestsCanBeCompiledAgain_ASignedListNever()
    {
        var group = await Group(api, await Association(api, RuralCommune, "farmers-union"), "Tổ TK&VV Đạ Tông");
        var requests = new List<Guid>();
        foreach (var name in new[] { "Kră Jăn Ha", "Liêng Hót K'Dung" })
        {
            var household = await Household(api, RuralCommune, api.RuralVillage, Adult(name, "1982-02-02"));
            await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01"));
            requests.Add(await ApprovedRequest(api, household, group, "poor-household", 25_000_000m));
        }

        var created = await Compile();
        var draft = await created.Expect(HttpStatusCode.Created);
        var id = (Guid)draft["id"]!;
        var lines = draft["lines"]!.AsArray().Select(l => (Guid)l!["id"]!).ToList();
        var decided = await official.Post($"/api/v1/confirmation-lists/{id}/lines/{lines[0]}/decision",
            new { result = "refused", reason = "Lập nhầm ngày" }, created.ETag());
        await decided.Expect(HttpStatusCode.OK);
        // While the draft holds them, the requests are not compiled again.
        Assert.Empty((await (await Compile()).Expect(HttpStatusCode.Created))["lines"]!.AsArray());

        // No If-Match, a stale one, another commune's official, an association officer: nothing is deleted.
        await (await Discard(official, id, null)).ExpectProblem(HttpStatusCode.PreconditionRequired);
        await (await Discard(official, id, created.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);
        await (await Discard(api.Official(UrbanCommune), id, decided.ETag())).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await Discard(api.AssociationOfficer(Guid.NewGuid()), id, decided.ETag())).StatusCode);
        await (await official.GetAsync($"/api/v1/confirmation-lists/{id}")).Expect(HttpStatusCode.OK);

        var discarded = await Discard(official, id, decided.ETag());
        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        await (await official.GetAsync($"/api/v1/confirmation-lists/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await Discard(official, id, decided.ETag())).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM confirmation_lines WHERE list_id = @id", ("id", id)));

        // The audit trail says what the draft held and how far it had got.
        var entry = Assert.Single(await api.AuditEntries($"action=delete&entity=confirmation-list&entityId={id}"));
        var held = entry["before"]!["lines"]!.AsArray();
        Assert.Equal(requests.Order(), held.Select(l => (Guid)l!["request_id"]!).Order());
        Assert.Equal(["refused"], held.Select(l => (string?)l!["result"]).OfType<string>());

        // The requests are free again: a new list holds both; signed, it can no longer be discarded.
        var again = await Compile();
        var list = await again.Expect(HttpStatusCode.Created);
        var newId = (Guid)list["id"]!;
        Assert.Equal(requests.Order(), list["lines"]!.AsArray().Select(l => (Guid)l!["requestId"]!).Order());
        var etag = again.ETag();
        foreach (var line in list["lines"]!.AsArray().Select(l => (Guid)l!["id"]!))
            etag = (await official.Post($"/api/v1/confirmation-lists/{newId}/lines/{line}/decision", new { result = "confirmed" }, etag)).ETag();
        var signed = await official.Post($"/api/v1/confirmation-lists/{newId}/signature",
            new { number = "21/QĐ-UBND", date = "2026-11-12", signer = "Ka Điệp" }, etag);
        await signed.Expect(HttpStatusCode.OK);
        await (await Discard(official, newId, signed.ETag())).ExpectProblem(HttpStatusCode.Conflict);
        await (await official.GetAsync($"/api/v1/confirmation-lists/{newId}")).Expect(HttpStatusCode.OK);
    }
}
