using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Loans;

public enum LoanRequestStatus
{
    Pending,
    Approved,
    Rejected,
    Confirmed,
    Refused,
    Withdrawn,
}

/// <summary>The eligibility answer for the requested programme on the filing date, kept as evidence.</summary>
public sealed record FilingEligibility(
    DateOnly AsOf,
    string Programme,
    bool Eligible,
    Classification? Classification,
    DateOnly? StatusEffectiveDate,
    IReadOnlyList<Reason> Reasons,
    decimal? MaxAmount,
    AmountBasis? AmountBasis,
    int? MaxTermMonths,
    decimal? AnnualRatePercent);

/// <summary>What a loan request asks for (Mẫu 01/TD).</summary>
public sealed record LoanTerms(string Programme, decimal Amount, string Purpose, int TermMonths, DateOnly FiledOn);

/// <summary>A loan request (Mẫu 01/TD) filed with a Savings and Loan Group, decided by its meeting (bình xét).</summary>
public sealed class LoanRequest
{
    public const int MinimumBorrowerAge = 18;

    LoanRequest() { }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public Guid GroupId { get; private set; }
    public Guid AssociationId { get; private set; }
    public Guid BorrowerMemberId { get; private set; }
    public string BorrowerName { get; private set; } = "";
    public string ProgrammeCode { get; private set; } = "";
    public decimal Amount { get; private set; }
    public string Purpose { get; private set; } = "";
    public int TermMonths { get; private set; }
    public DateOnly FiledOn { get; private set; }
    public FilingEligibility Eligibility { get; private set; } = null!;
    public LoanRequestStatus Status { get; private set; }
    public Guid? MeetingId { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>The row version (PostgreSQL xmin): a decision and a withdrawal racing cannot both be stored.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// Files a request if the rules of domain.md §6-7 allow it: a borrower of full age on the filing date, a household
    /// eligible for the programme that day (for job-creation: the borrower), and an amount and term within the terms in
    /// force that day. Every broken rule is reported, each with its reason (422).
    /// </summary>
    /// <param name="borrowerEligible">job-creation: the engine's answer for the borrower; null for household programmes.</param>
    public static Result<LoanRequest> File(Guid id, SavingsGroup group, Guid householdId, string provinceCode,
        Guid borrowerMemberId, string borrowerName, DateOnly borrowerDateOfBirth, LoanTerms terms,
        ProgrammeEligibility answer, (bool Eligible, IReadOnlyList<Reason> Reasons)? borrowerEligible,
        Classification? statusInForce, DateOnly? statusEffectiveDate, DateTimeOffset now)
    {
        var errors = new List<Error>();
        bool eligible = borrowerEligible?.Eligible ?? answer.Eligible;
        var reasons = borrowerEligible?.Reasons is { } memberReasons ? answer.Reasons.Concat(memberReasons).ToList() : answer.Reasons.ToList();
        if (!eligible)
        {
            errors.Add(new Error(ErrorKind.Unprocessable, "not-eligible",
                $"The household is not eligible for {terms.Programme} on {Text.En(terms.FiledOn)}.", "programme"));
            errors.AddRange(reasons.Select(r => new Error(ErrorKind.Unprocessable, r.Code, r.MessageEn)));
        }

        int age = Ages.On(borrowerDateOfBirth, terms.FiledOn);
        if (age < MinimumBorrowerAge)
            errors.Add(new Error(ErrorKind.Unprocessable, "borrower-under-age",
                $"The borrower is {age} on {Text.En(terms.FiledOn)}; a borrower is aged {MinimumBorrowerAge} or over.", "borrowerMemberId"));

        if (answer.Terms is { } t)
        {
            decimal? cap = t.MaxAmount is { } max ? (t.AmountBasis == AmountBasis.PerStudentPerMonth ? max * terms.TermMonths : max) : null;
            if (cap is { } c && terms.Amount > c)
                errors.Add(new Error(ErrorKind.Unprocessable, "amount-over-cap",
                    $"The amount {Text.En(terms.Amount)} exceeds the cap of {Text.En(c)} VND ({Basis(t.AmountBasis)}) in force on {Text.En(terms.FiledOn)}.", "amount"));
            if (t.MaxTermMonths is { } maxTerm && terms.TermMonths > maxTerm)
                errors.Add(new Error(ErrorKind.Unprocessable, "term-over-maximum",
                    $"The term of {terms.TermMonths} months exceeds the maximum of {maxTerm} months in force on {Text.En(terms.FiledOn)}.", "termMonths"));
        }
        if (errors.Count > 0)
            return Result<LoanRequest>.Failure(errors);

        return new LoanRequest
        {
            Id = id, HouseholdId = householdId, ProvinceCode = provinceCode, CommuneCode = group.CommuneCode, GroupId = group.Id,
            AssociationId = group.AssociationId, BorrowerMemberId = borrowerMemberId, BorrowerName = borrowerName,
            ProgrammeCode = terms.Programme, Amount = terms.Amount, Purpose = terms.Purpose.Trim(), TermMonths = terms.TermMonths,
            FiledOn = terms.FiledOn, Status = LoanRequestStatus.Pending, CreatedAt = now, UpdatedAt = now,
            Eligibility = new FilingEligibility(terms.FiledOn, terms.Programme, eligible, statusInForce, statusEffectiveDate, reasons,
                answer.Terms?.MaxAmount, answer.Terms?.AmountBasis, answer.Terms?.MaxTermMonths, answer.Terms?.AnnualRatePercent),
        };
    }

    static string Basis(AmountBasis basis) => basis switch
    {
        AmountBasis.PerWorker => "per worker",
        AmountBasis.PerStudentPerMonth => "per student per month, for the term",
        _ => "per household",
    };

    /// <summary>The group meeting's decision: only a pending request of this group, on or after its filing date.</summary>
    public Result<LoanRequest> Decide(GroupMeeting meeting, bool approved, string? reason, DateTimeOffset now)
    {
        if (Status != LoanRequestStatus.Pending || GroupId != meeting.GroupId)
            return Error.Conflict("request-not-pending",
                $"Loan request {Id} is not pending in this group (status {Status.ToString().ToLowerInvariant()}); the meeting cannot decide it.");
        if (meeting.HeldOn < FiledOn)
            return Error.Conflict("meeting-before-filing",
                $"Loan request {Id} was filed on {Text.En(FiledOn)}, after the meeting of {Text.En(meeting.HeldOn)}.");
        Status = approved ? LoanRequestStatus.Approved : LoanRequestStatus.Rejected;
        MeetingId = meeting.Id;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        UpdatedAt = now;
        return this;
    }

    /// <summary>The household withdraws a request the group has not decided yet; a decided request belongs to its list.</summary>
    public Result<LoanRequest> Withdraw(DateTimeOffset now)
    {
        if (Status != LoanRequestStatus.Pending)
            return Error.Conflict("request-not-pending",
                $"Only a pending request can be withdrawn; this one is {Status.ToString().ToLowerInvariant()}.");
        Status = LoanRequestStatus.Withdrawn;
        UpdatedAt = now;
        return this;
    }
}

/// <summary>A group meeting (họp bình xét) with its attendance.</summary>
public sealed class GroupMeeting
{
    GroupMeeting() { }

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public int Attendees { get; private set; }
    public int MembersTotal { get; private set; }
    public string ChairedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static GroupMeeting Record(Guid id, SavingsGroup group, DateOnly heldOn, int attendees, int membersTotal, string chairedBy, DateTimeOffset now) =>
        new()
        {
            Id = id, GroupId = group.Id, ProvinceCode = group.ProvinceCode, CommuneCode = group.CommuneCode, HeldOn = heldOn,
            Attendees = attendees, MembersTotal = membersTotal, ChairedBy = chairedBy.Trim(), CreatedAt = now,
        };
}
