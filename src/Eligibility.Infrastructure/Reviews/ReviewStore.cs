using Eligibility.Application.Common;
using Eligibility.Application.Reviews;
using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Eligibility.Infrastructure.Reviews;

sealed class ReviewStore(EligibilityDbContext db) : IReviewStore
{
    public Task<PovertyReview?> Find(Guid id, CancellationToken ct) => db.Reviews.SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<PovertyReview>> OfHousehold(Guid householdId, CancellationToken ct) =>
        await db.Reviews.AsNoTracking().Where(r => r.HouseholdId == householdId).OrderBy(r => r.CreatedAt).ToListAsync(ct);

    public async Task Add(PovertyReview review, CancellationToken ct)
    {
        db.Reviews.Add(review);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Error?> Recognise(PovertyReview review, uint expectedVersion, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Recognitions of one household queue here, so the chain they settle is never computed from a stale read.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM households WHERE id = {review.HouseholdId} FOR UPDATE", ct);

        var chain = await db.Statuses.Where(s => s.HouseholdId == review.HouseholdId).ToListAsync(ct);
        if (chain.FirstOrDefault(s => s.EffectiveDate == review.EffectiveDate) is { } same)
            return Error.Conflict("status-on-that-date",
                $"The household already has a status taking effect on {review.EffectiveDate:yyyy-MM-dd} (decision {same.DecisionNumber}).");

        var status = HouseholdStatus.From(review);
        db.Statuses.Add(status);
        HouseholdStatus.Settle([.. chain, status]);
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Concurrency.Stale("review");
        }
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<IReadOnlyList<HouseholdStatus>> StatusHistory(Guid householdId, CancellationToken ct) =>
        await db.Statuses.AsNoTracking().Where(s => s.HouseholdId == householdId).OrderBy(s => s.EffectiveDate).ToListAsync(ct);
}
