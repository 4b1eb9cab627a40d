using Eligibility.Application.Rounds;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eligibility.Infrastructure.Reviews;

public static class ProcedureInfrastructure
{
    public static IServiceCollection AddReviewRoundStore(this IServiceCollection services) =>
        services.AddScoped<IReviewRoundStore, ReviewRoundStore>();
}

sealed class ReviewRoundStore(EligibilityDbContext db) : IReviewRoundStore
{
    DbSet<ReviewRound> Rounds => db.Set<ReviewRound>();
    DbSet<ReviewRoundRequest> Requests => db.Set<ReviewRoundRequest>();

    public Task<ReviewRound?> Find(Guid id, CancellationToken ct) => Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<ReviewRound>> OfCommune(string communeCode, CancellationToken ct) =>
        await Rounds.AsNoTracking().Where(r => r.CommuneCode == communeCode)
            .OrderByDescending(r => r.WindowStart).ThenBy(r => r.Kind).ToListAsync(ct);

    public async Task<(ReviewRound Round, bool Created)> AddOrExisting(ReviewRound round, CancellationToken ct)
    {
        if (await Existing(round, ct) is { } existing)
            return (existing, false);
        Rounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
            return (round, true);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Opened by someone else meanwhile: theirs is the round.
            db.Entry(round).State = EntityState.Detached;
            return ((await Existing(round, ct))!, false);
        }
    }

    Task<ReviewRound?> Existing(ReviewRound round, CancellationToken ct) =>
        Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.CommuneCode == round.CommuneCode && r.Kind == round.Kind && r.WindowStart == round.WindowStart, ct);

    public Task<ReviewRoundRequest?> FindRequest(Guid roundId, Guid householdId, CancellationToken ct) =>
        Requests.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == roundId && r.HouseholdId == householdId, ct);

    public async Task<Error?> AddRequest(ReviewRoundRequest request, CancellationToken ct)
    {
        Requests.Add(request);
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(request).State = EntityState.Detached;
            return Error.Conflict("request-already-filed", "The household already filed a request for this round.");
        }
    }

    public async Task<IReadOnlyList<RoundHousehold>> Households(ReviewRound round, CancellationToken ct)
    {
        // Every household poor or near-poor at any time from the round's first day to its end (Decision 24/2021): one
        // recognised poor in November by a regular review is on that year's periodic list. Its latest such status shows.
        var (first, last) = (round.WindowStart, round.WindowEnd);
        var rows = await db.Database.SqlQuery<HouseholdRow>($"""
            WITH listed AS (
                SELECT DISTINCT ON (s.household_id) s.household_id, s.classification, s.effective_date
                FROM household_statuses s JOIN households h ON h.id = s.household_id
                WHERE h.commune_code = {round.CommuneCode} AND s.classification IN ('poor', 'near-poor')
                  AND s.effective_date <= {last} AND (s.valid_to IS NULL OR s.valid_to > {first})
                ORDER BY s.household_id, s.effective_date DESC, s.recognised_at DESC
            ), requested AS (
                SELECT household_id, filed_on, reason FROM review_round_requests WHERE round_id = {round.Id}
            ), ids AS (
                SELECT household_id FROM listed UNION SELECT household_id FROM requested
            )
            SELECT h.id AS "HouseholdId", h.commune_code AS "CommuneCode", h.village_id AS "VillageId", v.name AS "VillageName",
                   h.head_name AS "HeadName", l.classification AS "StatusInForce", l.effective_date AS "StatusSince", q.filed_on AS "RequestFiledOn",
                   q.reason AS "RequestReason", r.id AS "ReviewId", r.status AS "ReviewStatus", r.classification AS "Proposed",
                   r.recheck_due_by AS "RecheckDueBy"
            FROM ids
            JOIN households h ON h.id = ids.household_id
            JOIN villages v ON v.id = h.village_id
            LEFT JOIN listed l ON l.household_id = h.id
            LEFT JOIN requested q ON q.household_id = h.id
            LEFT JOIN LATERAL (
                SELECT pr.id, pr.status, pr.classification,
                       (SELECT (e ->> 'recheckDueBy')::date FROM json_array_elements(pr.steps) WITH ORDINALITY x (e, n)
                        WHERE e ->> 'step' = 'complaint' ORDER BY n DESC LIMIT 1) AS recheck_due_by
                FROM poverty_reviews pr
                WHERE pr.round_id = {round.Id} AND pr.household_id = h.id
                ORDER BY pr.created_at DESC LIMIT 1
            ) r ON true
            WHERE h.commune_code = {round.CommuneCode}
            ORDER BY v.name, h.head_name, h.id
            """).ToListAsync(ct);
        return rows.Select(r => new RoundHousehold(r.HouseholdId, r.CommuneCode, r.VillageId, r.VillageName, r.HeadName,
            r.StatusInForce is null ? null : EnumText.Parse<Classification>(r.StatusInForce), r.StatusSince, r.RequestFiledOn, r.RequestReason,
            r.ReviewId, r.ReviewStatus is null ? null : EnumText.Parse<ReviewStatus>(r.ReviewStatus),
            r.Proposed is null ? null : EnumText.Parse<Classification>(r.Proposed), r.RecheckDueBy)).ToList();
    }

    public Task<PovertyReview?> LiveReview(Guid roundId, Guid householdId, CancellationToken ct) =>
        db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.RoundId == roundId && r.HouseholdId == householdId && r.Status != ReviewStatus.Returned, ct);

    public async Task<IReadOnlyList<PostingLine>> Posting(Guid roundId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<PostingRow>($"""
            SELECT r.id AS "ReviewId", r.household_id AS "HouseholdId", v.name AS "VillageName", h.head_name AS "HeadName",
                   r.classification AS "Proposed", r.posting_start AS "PostingStart", r.posting_end AS "PostingEnd", r.status AS "Status"
            FROM poverty_reviews r
            JOIN households h ON h.id = r.household_id
            JOIN villages v ON v.id = h.village_id
            WHERE r.round_id = {roundId} AND r.posting_start IS NOT NULL AND r.status IN ('posted', 'disputed', 'recognised')
            ORDER BY v.name, h.head_name, r.id
            """).ToListAsync(ct);
        return rows.Select(r => new PostingLine(r.ReviewId, r.HouseholdId, r.VillageName, r.HeadName, EnumText.Parse<Classification>(r.Proposed),
            r.PostingStart, r.PostingEnd, EnumText.Parse<ReviewStatus>(r.Status))).ToList();
    }

    public async Task<IReadOnlyList<PovertyReview>> Reviews(Guid roundId, CancellationToken ct) =>
        await db.Reviews.Where(r => r.RoundId == roundId).OrderBy(r => r.CreatedAt).ToListAsync(ct);

    sealed record HouseholdRow(Guid HouseholdId, string CommuneCode, Guid VillageId, string VillageName, string HeadName, string? StatusInForce,
        DateOnly? StatusSince, DateOnly? RequestFiledOn, string? RequestReason, Guid? ReviewId, string? ReviewStatus, string? Proposed,
        DateOnly? RecheckDueBy);

    sealed record PostingRow(Guid ReviewId, Guid HouseholdId, string VillageName, string HeadName, string Proposed,
        DateOnly PostingStart, DateOnly PostingEnd, string Status);
}
