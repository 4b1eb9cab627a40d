using Eligibility.Application.Eligibility;
using Eligibility.Domain.Confirmation;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Confirmation;

public static class ConfirmationMapping
{
    // Counts are of the lines the caller sees (an association officer sees its own groups' lines only).
    public static ConfirmationListResponse ToResponse(this StoredList stored)
    {
        var list = stored.List;
        return new ConfirmationListResponse(list.Id, list.CommuneCode, list.ProvinceCode, list.Programme, list.AsOf, list.Status, list.Replaces,
            stored.ReplacedBy, list.Signature?.ToResponse(), list.Signature?.ContentHash, list.Lines.Count, list.Lines.Count(l => l.Flagged),
            list.Lines.Count(l => l.Result is null), stored.CreatedAt, list.Lines.OrderBy(l => l.Stt).Select(ToResponse).ToList())
        {
            Version = stored.Version,
        };
    }

    public static SignatureResponse ToResponse(this ListSignature s) => new(s.Number, s.Date, s.Signer, s.SignedAt);

    public static LineResponse ToResponse(this ConfirmationLine l) => new(l.Id, l.Stt, l.RequestId, l.HouseholdId, l.GroupId, l.AssociationId,
        l.BorrowerName, l.VillageId, l.VillageName, l.Category, l.Programme, EligibilityMapping.Plain(l.Amount), l.Purpose, l.TermMonths, l.Flagged,
        l.Flags.Select(f => new LineFlagResponse(f.Code, f.MessageVi, f.MessageEn)).ToList(), l.Result, l.Reason);
}

/// <summary>The form's columns, in its order, with Vietnamese headings and values.</summary>
public static class ConfirmationExport
{
    public static readonly IReadOnlyList<string> Headings =
    [
        "STT", "Họ và tên người vay", "Thôn", "Đối tượng", "Chương trình", "Số tiền đề nghị", "Mục đích", "Thời hạn (tháng)",
        "Kết quả xác nhận", "Lý do", "Ghi chú khi lập danh sách",
    ];

    public static IReadOnlyList<object?> Row(ConfirmationLine l, string programmeName) =>
    [
        l.Stt, l.BorrowerName, l.VillageName, Category(l.Category), programmeName, EligibilityMapping.Plain(l.Amount), l.Purpose, l.TermMonths,
        Result(l.Result), l.Reason, l.Flagged ? string.Join("; ", l.Flags.Select(f => f.MessageVi)) : null,
    ];

    public static string? Category(Classification? c) => c switch
    {
        Classification.Poor => "Hộ nghèo",
        Classification.NearPoor => "Hộ cận nghèo",
        Classification.MiddleLiving => "Hộ có mức sống trung bình",
        Classification.NotPoor => "Hộ không nghèo",
        _ => null,
    };

    public static string? Result(LineResult? r) => r switch
    {
        LineResult.Confirmed => "Xác nhận",
        LineResult.Refused => "Không xác nhận",
        _ => null,
    };
}
