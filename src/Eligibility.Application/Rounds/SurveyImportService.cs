using Eligibility.Application.Common;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;
using FluentValidation;

namespace Eligibility.Application.Rounds;

/// <summary>
/// Bulk import of a round's survey results (README, "Bulk import of survey results"): each row is held to the rules of
/// <c>POST /review-rounds/{id}/reviews</c> and classified by the same code, so the stored reviews are the same.
/// </summary>
public sealed class SurveyImportService(
    IReviewRoundStore rounds, ISurveyImportStore store, ISurveyFileReaders readers, IUnitStore units, IPolicyCatalog catalog,
    ICurrentUser user, TimeProvider clock)
{
    /// <summary>Not found unless the round exists and is of the caller's communes.</summary>
    public async Task<Error?> FindRound(Guid roundId, CancellationToken ct) =>
        await rounds.Find(roundId, ct) is { } round && user.MayAccessHouseholdsOf(round.CommuneCode) ? null : Error.NotFound("Review round");

    /// <summary>Reads the upload whole into a private temporary file; to be done before <see cref="Import"/>, which holds a transaction.</summary>
    public Task<SpooledSurveyFile> Receive(Stream content, CancellationToken ct) => readers.Spool(content, ct);

    public async Task<Result<SurveyImportResult>> Import(Guid roundId, SpooledSurveyFile content, SurveyFileFormat format, ImportMode mode, CancellationToken ct)
    {
        var round = await rounds.Find(roundId, ct);
        if (round is null || !user.MayAccessHouseholdsOf(round.CommuneCode))
            return Error.NotFound("Review round");
        var commune = await units.Commune(round.CommuneCode, ct);
        var policy = await catalog.Load(ct);
        var known = policy.Standards.SelectMany(s => s.Indicators).Select(i => i.Code).ToHashSet();
        var rules = new SurveyAnswersValidator(clock);
        int? periodYear = round.Kind == ReviewKind.Periodic ? round.Year : null;
        var now = clock.Now();

        RowDecision Decide(StagedRowFacts facts)
        {
            var row = facts.Row;
            ImportError Refuse(string? column, string message) => new(row.Row, column, message);
            if (!facts.KnownInCommune)
                return new RowDecision.Refused([Refuse(SurveyColumns.HouseholdId, "No household of the round's commune has this id.")]);
            if (facts.FirstRowOfHousehold != row.Row)
                return new RowDecision.Refused([Refuse(SurveyColumns.HouseholdId, $"The household is already in row {facts.FirstRowOfHousehold} of the file.")]);
            if (round.CheckSurveyDate(row.SurveyDate) is { } outside)
                return new RowDecision.Refused([Refuse(SurveyColumns.SurveyDate, outside.Message)]);
            if (facts.Live is { } live)
                return SameFacts(live, row)
                    ? new RowDecision.AlreadyImported()
                    : new RowDecision.Refused([Refuse(SurveyColumns.HouseholdId,
                        $"The household already has review {live.Id} in this round with other answers; a new one is recorded only after it is sent back to survey.")]);
            if (!facts.Listed)
                return new RowDecision.Refused([Refuse(SurveyColumns.HouseholdId,
                    "The household is not on the round's list (not poor or near-poor on its first day, and no request filed): file its request first.")]);
            var review = SurveyClassification.Classify(facts.Household, commune!.AreaType, policy.Standards, round.Kind, periodYear, row, round.Id,
                Guid.CreateVersion7(), now);
            return review.IsSuccess
                ? new RowDecision.Store(review.Value)
                : new RowDecision.Refused(review.Errors.Select(e => Refuse(SurveyColumns.ColumnOf(e.Field), e.Message)).ToList());
        }

        ISurveyFileReader opened;
        try
        {
            opened = readers.Open(content, format);
        }
        catch (SurveyFileException e)
        {
            return new SurveyImportResult(ImportOutcome.FileRefused, new SurveyImportResponse(null, round.Id, 0, 0, 0, [new ImportError(1, null, e.Message)]));
        }
        await using var file = opened;
        return await store.Import(round, file, header => SurveyColumns.Parse(header, known),
            (columns, row, cells) => columns.ParseRow(row, cells, rules), Decide, mode, ct);
    }

    /// <summary>A row whose household's live review in the round was recorded from the same answers: imported before.</summary>
    static bool SameFacts(LiveReviewFacts live, SurveyRow row) =>
        live.SurveyDate == row.SurveyDate
        && live.HouseholdIncome12Months == row.HouseholdIncome12Months
        && (row.IncomePerPersonMonthly is null || live.IncomePerPersonMonthly == row.IncomePerPersonMonthly)
        && live.FloorArea == row.FloorArea
        && live.Recorded.Count == row.Indicators.Count
        && live.Recorded.All(a => row.Indicators.TryGetValue(a.Key, out var v) && v == a.Value);
}
