using Eligibility.Domain.Confirmation;
using Eligibility.Domain.Policy;

namespace Eligibility.Application.Confirmation;

/// <summary>POST /api/v1/communes/{code}/confirmation-lists.</summary>
public sealed record CompileListRequest
{
    /// <summary>One programme's approved requests; all programmes when left out.</summary>
    public string? Programme { get; init; }
    /// <summary>The date eligibility is re-checked for; today in Vietnam when left out. Not in the future.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>The signed list this one corrects: its lines' requests may appear again.</summary>
    public Guid? Replaces { get; init; }
}

/// <summary>POST /api/v1/confirmation-lists/{id}/lines/{lineId}/decision.</summary>
public sealed record LineDecisionRequest
{
    public required LineResult Result { get; init; }
    /// <summary>Required when refused.</summary>
    public string? Reason { get; init; }
}

/// <summary>POST /api/v1/confirmation-lists/{id}/signature: the commune chairman's decision.</summary>
public sealed record SignListRequest
{
    public required string Number { get; init; }
    public required DateOnly Date { get; init; }
    public required string Signer { get; init; }
}

public sealed record LineFlagResponse(string Code, string MessageVi, string MessageEn);

/// <summary>One line as the form shows it, with the ids that tie it to its request, household, group and association.</summary>
/// <param name="Category">The household's classification in force on the list's asOf; null when it had none.</param>
/// <param name="Flags">Why the household was not eligible for the programme on asOf (empty when it was).</param>
public sealed record LineResponse(
    Guid Id,
    int Stt,
    Guid RequestId,
    Guid HouseholdId,
    Guid GroupId,
    Guid AssociationId,
    string BorrowerName,
    Guid VillageId,
    string VillageName,
    Classification? Category,
    string Programme,
    decimal Amount,
    string Purpose,
    int TermMonths,
    bool Flagged,
    IReadOnlyList<LineFlagResponse> Flags,
    LineResult? Result,
    string? Reason);

public sealed record SignatureResponse(string Number, DateOnly Date, string Signer, DateTimeOffset SignedAt);

/// <param name="ContentHash">Signed lists: SHA-256 (hex) of the canonical text (README, "Confirmation lists").</param>
/// <param name="ReplacedBy">The list that corrects this one, if any.</param>
/// <param name="Lines">Every line for the commune's officials; an association officer sees only its own groups' lines.</param>
public sealed record ConfirmationListResponse(
    Guid Id,
    string CommuneCode,
    string ProvinceCode,
    string? Programme,
    DateOnly AsOf,
    ConfirmationListStatus Status,
    Guid? Replaces,
    Guid? ReplacedBy,
    SignatureResponse? Signature,
    string? ContentHash,
    int LineCount,
    int FlaggedCount,
    int UndecidedCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<LineResponse> Lines)
{
    /// <summary>The ETag: not part of the body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>A list in the commune's listing, without its lines.</summary>
public sealed record ConfirmationListSummary(
    Guid Id,
    string CommuneCode,
    string? Programme,
    DateOnly AsOf,
    ConfirmationListStatus Status,
    Guid? Replaces,
    Guid? ReplacedBy,
    SignatureResponse? Signature,
    string? ContentHash,
    int LineCount,
    DateTimeOffset CreatedAt);
