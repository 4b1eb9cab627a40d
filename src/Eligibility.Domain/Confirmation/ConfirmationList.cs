using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Confirmation;

public enum ConfirmationListStatus
{
    Draft,
    Signed,
}

public enum LineResult
{
    Confirmed,
    Refused,
}

/// <summary>Why a line's household was not eligible for its programme on the list's date, as the engine said it.</summary>
public sealed record LineFlag(string Code, string MessageVi, string MessageEn);

/// <summary>The commune chairman's signature (decision number, date, signer) and the hash of the signed content.</summary>
public sealed record ListSignature(string Number, DateOnly Date, string Signer, string ContentHash, DateTimeOffset SignedAt);

/// <summary>One line of the form: a loan request as compiled (what the form shows) and the commune's result.</summary>
public sealed class ConfirmationLine
{
    public required Guid Id { get; init; }
    public required int Stt { get; init; }
    public required Guid RequestId { get; init; }
    public required Guid HouseholdId { get; init; }
    public required string ProvinceCode { get; init; }
    public required Guid GroupId { get; init; }
    public required Guid AssociationId { get; init; }
    public required string BorrowerName { get; init; }
    public required Guid VillageId { get; init; }
    public required string VillageName { get; init; }
    /// <summary>The classification in force on the list's date; null when the household has none.</summary>
    public required Classification? Category { get; init; }
    public required string Programme { get; init; }
    public required decimal Amount { get; init; }
    public required string Purpose { get; init; }
    public required int TermMonths { get; init; }
    public IReadOnlyList<LineFlag> Flags { get; init; } = [];
    public LineResult? Result { get; internal set; }
    public string? Reason { get; internal set; }

    public bool Flagged => Flags.Count > 0;

    /// <summary>Rebuilds a stored line's decision.</summary>
    public void RestoreDecision(LineResult? result, string? reason)
    {
        Result = result;
        Reason = reason;
    }
}

/// <summary>
/// A commune's confirmation list (domain.md §7.3). Draft: each line is confirmed or refused (with a reason); a flagged
/// line (household no longer eligible) can only be refused. Signed once every line is decided; then it never changes.
/// </summary>
public sealed class ConfirmationList
{
    public const int MaxReasonLength = 500;

    public required Guid Id { get; init; }
    public required string CommuneCode { get; init; }
    public required string ProvinceCode { get; init; }
    /// <summary>The one programme compiled, or null for all.</summary>
    public required string? Programme { get; init; }
    public required DateOnly AsOf { get; init; }
    public Guid? Replaces { get; init; }
    public ConfirmationListStatus Status { get; private set; }
    public ListSignature? Signature { get; private set; }
    public required IReadOnlyList<ConfirmationLine> Lines { get; init; }

    /// <summary>Rebuilds a stored list.</summary>
    public static ConfirmationList Restore(Guid id, string commune, string province, string? programme, DateOnly asOf, Guid? replaces,
        ListSignature? signature, IReadOnlyList<ConfirmationLine> lines) => new()
    {
        Id = id, CommuneCode = commune, ProvinceCode = province, Programme = programme, AsOf = asOf, Replaces = replaces, Lines = lines,
        Status = signature is null ? ConfirmationListStatus.Draft : ConfirmationListStatus.Signed, Signature = signature,
    };

    /// <summary>Every write to a signed list or its lines is refused with this.</summary>
    public Error? RefuseIfSigned() => Status == ConfirmationListStatus.Signed
        ? Error.Conflict("list-signed",
            $"The confirmation list was signed ({Signature!.Number}, {Signature.Date:yyyy-MM-dd}) and never changes. A correction is a new list with replaces = {Id}.")
        : null;

    public Result<ConfirmationLine> Decide(Guid lineId, LineResult result, string? reason)
    {
        if (RefuseIfSigned() is { } signed)
            return signed;
        if (Lines.FirstOrDefault(l => l.Id == lineId) is not { } line)
            return Error.NotFound("Line");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (result == LineResult.Refused && reason is null)
            return Error.Invalid("reason", "A refused line needs the reason.");
        if (reason is { Length: > MaxReasonLength })
            return Error.Invalid("reason", $"The reason is at most {MaxReasonLength} characters.");
        if (result == LineResult.Confirmed && line.Flagged)
            return Error.Conflict("line-flagged",
                $"Line {line.Stt} cannot be confirmed: on {AsOf:yyyy-MM-dd} the household was not eligible for {line.Programme} " +
                $"({string.Join("; ", line.Flags.Select(f => f.MessageEn))}). Refuse it with the reason.");
        line.Result = result;
        line.Reason = reason;
        return line;
    }

    public Result<ListSignature> Sign(string number, DateOnly date, string signer, DateTimeOffset now)
    {
        if (RefuseIfSigned() is { } signed)
            return signed;
        if (Lines.Count == 0)
            return Error.Conflict("list-empty", "The list has no lines: there is nothing to confirm.");
        var undecided = Lines.Where(l => l.Result is null).Select(l => l.Stt).ToList();
        if (undecided.Count > 0)
            return Error.Conflict("lines-undecided",
                $"Every line must be confirmed or refused before signing; still undecided: STT {string.Join(", ", undecided)}.");
        if (date < AsOf)
            return Error.Invalid("date", $"The decision date cannot be before the list's date ({AsOf:yyyy-MM-dd}).");
        var hash = ConfirmationCanonical.Hash(ConfirmationCanonical.Text(this, number, date, signer));
        Signature = new ListSignature(number, date, signer, hash, now);
        Status = ConfirmationListStatus.Signed;
        return Signature;
    }
}
