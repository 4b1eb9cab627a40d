using Eligibility.Domain.Loans;
using Eligibility.Domain.Policy;

namespace Eligibility.Domain.Tests.Loans;

public class LoanRequestTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly Association Farmers = Association.Create(Guid.NewGuid(), "68", "24853", AssociationKind.FarmersUnion, "Hội Nông dân", Now);
    static readonly SavingsGroup Group = SavingsGroup.Create(Guid.NewGuid(), Farmers, "Tổ 1", [Guid.NewGuid()], "Ka Hơ", null, Now);

    static ProgrammeEligibility Answer(bool eligible, decimal? cap, int? maxTerm, AmountBasis basis = AmountBasis.PerHousehold) =>
        new("poor-household", "Hộ nghèo", "Poor households", "Decree 78/2002/NĐ-CP", eligible,
            [new Reason(eligible ? "status-poor" : "no-recognised-status", "vi", "en")],
            new ProgrammeTerms(new DateOnly(2025, 12, 1), cap, basis, maxTerm, 6.24m, "basis"), null, null);

    static IReadOnlyList<string> Codes(ProgrammeEligibility answer, decimal amount, int term, string bornOn = "1980-01-01") =>
        LoanRequest.File(Guid.NewGuid(), Group, Guid.NewGuid(), "68", Guid.NewGuid(), "Ka Điệp", DateOnly.Parse(bornOn),
            new LoanTerms("poor-household", amount, "Nuôi bò", term, new DateOnly(2026, 3, 1)), answer, null, null, null, Now) is { IsSuccess: false } r
            ? r.Errors.Select(e => e.Code).ToList()
            : [];

    [Theory]
    [InlineData(100_000_000, 120, "")]
    [InlineData(100_000_001, 120, "amount-over-cap")]
    [InlineData(100_000_000, 121, "term-over-maximum")]
    [InlineData(100_000_001, 121, "amount-over-cap,term-over-maximum")]
    public void File_ChecksTheCapAndTermInForce(int amount, int term, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Codes(Answer(true, 100_000_000, 120), amount, term));

    [Theory]
    [InlineData("2008-03-01", "")]                    // 18 on the filing date
    [InlineData("2008-03-02", "borrower-under-age")]  // 18 the day after
    public void File_NeedsABorrowerAged18OnTheFilingDate(string bornOn, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Codes(Answer(true, 100_000_000, 120), 1_000_000, 12, bornOn));

    [Fact]
    public void File_WhenNotEligible_GivesNotEligibleFirstThenTheEngineReasons() =>
        Assert.Equal(["not-eligible", "no-recognised-status"], Codes(Answer(false, 100_000_000, 120), 1_000_000, 12));

    [Fact]
    public void File_PerStudentPerMonthCap_CountsTheTerm()
    {
        var answer = Answer(true, 4_000_000, null, AmountBasis.PerStudentPerMonth);
        Assert.Empty(Codes(answer, 48_000_000, 12));
        Assert.Equal(["amount-over-cap"], Codes(answer, 48_000_001, 12));
    }

    [Fact]
    public void Decide_OnlyAPendingRequestOfTheMeetingsGroup_OnOrAfterFiling()
    {
        var request = LoanRequest.File(Guid.NewGuid(), Group, Guid.NewGuid(), "68", Guid.NewGuid(), "Ka Điệp", new DateOnly(1980, 1, 1),
            new LoanTerms("poor-household", 1_000_000, "Nuôi bò", 12, new DateOnly(2026, 3, 1)), Answer(true, null, null), null, null, null, Now).Value;
        var early = GroupMeeting.Record(Guid.NewGuid(), Group, new DateOnly(2026, 2, 28), 5, 10, "Ka Hơ", Now);
        Assert.Equal("meeting-before-filing", request.Decide(early, true, null, Now).FirstError.Code);

        var meeting = GroupMeeting.Record(Guid.NewGuid(), Group, new DateOnly(2026, 3, 1), 5, 10, "Ka Hơ", Now);
        Assert.True(request.Decide(meeting, true, null, Now).IsSuccess);
        Assert.Equal(LoanRequestStatus.Approved, request.Status);
        Assert.Equal("request-not-pending", request.Decide(meeting, false, "x", Now).FirstError.Code);
        Assert.Equal("request-not-pending", request.Withdraw(Now).FirstError.Code);
    }
}
