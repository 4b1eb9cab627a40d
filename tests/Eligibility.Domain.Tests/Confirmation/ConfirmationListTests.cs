using System.Security.Cryptography;
using System.Text;
using Eligibility.Domain.Common;
using Eligibility.Domain.Confirmation;
using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Tests.Confirmation;

public sealed class ConfirmationListTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
    static readonly Guid ListId = Guid.Parse("0193a0c0-0000-7000-8000-000000000001");

    static ConfirmationLine Line(int stt, string borrower, bool flagged = false, string purpose = "Nuôi bò") => new()
    {
        Id = Guid.Parse($"0193a0c0-0000-7000-8000-{stt:000000000000}"), Stt = stt, RequestId = Guid.Parse($"0193a0c0-0000-7000-9000-{stt:000000000000}"),
        HouseholdId = Guid.NewGuid(), ProvinceCode = "68", GroupId = Guid.NewGuid(), AssociationId = Guid.NewGuid(), BorrowerName = borrower,
        VillageId = Guid.NewGuid(), VillageName = "Thôn 1", Category = flagged ? Classification.NotPoor : Classification.Poor,
        Programme = "poor-household", Amount = 50_000_000m, Purpose = purpose, TermMonths = 36,
        Flags = flagged ? [new LineFlag("not-poor", "Không phải hộ nghèo", "Not a poor household")] : [],
    };

    static ConfirmationList Draft(params ConfirmationLine[] lines) =>
        ConfirmationList.Restore(ListId, "24778", "68", null, new DateOnly(2026, 11, 1), null, null, lines);

    [Fact]
    public void Signing_IsRefusedWhileALineIsUndecided_AndNamesIt()
    {
        var list = Draft(Line(1, "An"), Line(2, "Bình"));
        Assert.True(list.Decide(list.Lines[0].Id, LineResult.Confirmed, null).IsSuccess);

        var result = list.Sign("12/QĐ-UBND", new DateOnly(2026, 11, 5), "Chủ tịch", Now);

        Assert.Equal("lines-undecided", result.FirstError.Code);
        Assert.Contains("STT 2", result.FirstError.Message);
        Assert.Equal(ConfirmationListStatus.Draft, list.Status);
    }

    [Theory]
    [InlineData(LineResult.Confirmed, null, false, null)]
    [InlineData(LineResult.Refused, "Không đủ điều kiện", false, null)]
    [InlineData(LineResult.Refused, null, false, ErrorKind.Validation)]
    [InlineData(LineResult.Refused, "   ", false, ErrorKind.Validation)]
    [InlineData(LineResult.Confirmed, null, true, ErrorKind.Conflict)]
    [InlineData(LineResult.Refused, "Hộ đã thoát nghèo", true, null)]
    public void Decide_FollowsTheRules(LineResult result, string? reason, bool flagged, ErrorKind? refusal)
    {
        var list = Draft(Line(1, "An", flagged));
        var decided = list.Decide(list.Lines[0].Id, result, reason);
        Assert.Equal(refusal, decided.IsSuccess ? null : decided.FirstError.Kind);
        Assert.Equal(refusal is null ? result : null, list.Lines[0].Result);
    }

    [Fact]
    public void ASignedList_RefusesEveryWrite()
    {
        var list = Draft(Line(1, "An"));
        list.Decide(list.Lines[0].Id, LineResult.Confirmed, null);
        Assert.True(list.Sign("12/QĐ-UBND", new DateOnly(2026, 11, 5), "Chủ tịch", Now).IsSuccess);

        Assert.Equal("list-signed", list.Decide(list.Lines[0].Id, LineResult.Refused, "x").FirstError.Code);
        Assert.Equal("list-signed", list.Sign("13/QĐ-UBND", new DateOnly(2026, 11, 6), "Chủ tịch", Now).FirstError.Code);
        Assert.Equal(LineResult.Confirmed, list.Lines[0].Result);
    }

    [Fact]
    public void AnEmptyList_CannotBeSigned() =>
        Assert.Equal("list-empty", Draft().Sign("1", new DateOnly(2026, 11, 5), "Chủ tịch", Now).FirstError.Code);

    [Fact]
    public void TheCanonicalText_IsTheDocumentedForm_AndTheHashItsSha256()
    {
        var list = Draft(Line(2, "Bình", purpose: "Mua\tgiống\nlúa \\ phân"), Line(1, "An"));
        list.Decide(list.Lines[0].Id, LineResult.Refused, "Trùng hồ sơ");
        list.Decide(list.Lines[1].Id, LineResult.Confirmed, null);

        var text = ConfirmationCanonical.Text(list, "12/QĐ-UBND", new DateOnly(2026, 11, 5), "Nguyễn Văn A");

        Assert.Equal(
            "confirmation-list/v1\nid=0193a0c0-0000-7000-8000-000000000001\ncommune=24778\nprogramme=\nasOf=2026-11-01\nreplaces=\n" +
            "number=12/QĐ-UBND\ndate=2026-11-05\nsigner=Nguyễn Văn A\n" +
            "line=1\t0193a0c0-0000-7000-9000-000000000001\tAn\tThôn 1\tpoor\tpoor-household\t50000000\tNuôi bò\t36\tconfirmed\t\n" +
            "line=2\t0193a0c0-0000-7000-9000-000000000002\tBình\tThôn 1\tpoor\tpoor-household\t50000000\tMua\\tgiống\\nlúa \\\\ phân\t36\trefused\tTrùng hồ sơ\n",
            text);
        var signature = list.Sign("12/QĐ-UBND", new DateOnly(2026, 11, 5), "Nguyễn Văn A", Now).Value;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), signature.ContentHash);
    }

    [Fact]
    public void TheHash_ChangesWithAnyShownValue()
    {
        var a = Draft(Line(1, "An"));
        var b = Draft(Line(1, "Ân"));
        Assert.NotEqual(ConfirmationCanonical.Hash(ConfirmationCanonical.Text(a, "1", new DateOnly(2026, 11, 5), "X")),
            ConfirmationCanonical.Hash(ConfirmationCanonical.Text(b, "1", new DateOnly(2026, 11, 5), "X")));
    }
}
