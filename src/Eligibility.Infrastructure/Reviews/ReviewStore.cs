using Eligibility.Application.Common;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eligibility.Infrastructure.Reviews;

sealed class ReviewStore(EligibilityDbContext db, IPolicyCatalog catalog) : IReviewStore
{
    /// <summary>income-150's own factor in force on each day, which the status's stored income-150 flag is settled with.</summary>
    async Task<Func<DateOnly, decimal?>> Income150Factor(CancellationToken ct)
    {
        var programme = (await catalog.Load(ct)).Programme(ProgrammeCodes.Income150);
        return day => programme?.TermsOn(day)?.IncomeCeilingFactor;
    }

    public Task<PovertyReview?> Find(Guid id, CancellationToken ct) => db.Reviews.SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<PovertyReview>> OfHousehold(Guid householdId, CancellationToken ct) =>
        await db.Reviews.AsNoTracking().Where(r => r.HouseholdId == householdId).OrderBy(r => r.CreatedAt).ToListAsync(ct);

    public async Task<Error?> Add(PovertyReview review, CancellationToken ct)
    {
        db.Reviews.Add(review);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "poverty_reviews_round_household" })
        {
            db.Entry(review).State = EntityState.Detached;
            return Error.Conflict("review-in-progress", "The household already has a live review in this round.");
        }
        return null;
    }

    public async Task<Error?> Save(PovertyReview review, uint expectedVersion, CancellationToken ct)
    {
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Concurrency.Stale("review");
        }
        return null;
    }

    public async Task<IReadOnlyList<Error>> RecogniseMany(IReadOnlyList<PovertyReview> reviews, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Households locked in one stable order, so two decisions over overlapping households queue instead of deadlocking.
        var households = reviews.Select(r => r.HouseholdId).Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM households WHERE id = ANY ({households}) ORDER BY id FOR UPDATE", ct);

        var chains = (await db.Statuses.Where(s => households.Contains(s.HouseholdId)).ToListAsync(ct))
            .GroupBy(s => s.HouseholdId).ToDictionary(g => g.Key, g => g.ToList());
        var refused = new List<Error>();
        var factor = await Income150Factor(ct);
        foreach (var review in reviews)
        {
            var chain = chains.TryGetValue(review.HouseholdId, out var c) ? c : chains[review.HouseholdId] = [];
            if (AddToChain(review, chain, factor) is { } error)
                refused.Add(error with { Field = review.Id.ToString() });
        }
        if (refused.Count > 0)
            return refused;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [Error.Conflict("changed-meanwhile", "A review of the decision was changed while it was being recognised; nothing was recognised. Try again.")];
        }
        await tx.CommitAsync(ct);
        return [];
    }

    /// <summary>Adds the recognised review's status to the household's chain and settles it; refuses a second status the same day.</summary>
    Error? AddToChain(PovertyReview review, List<HouseholdStatus> chain, Func<DateOnly, decimal?> income150Factor)
    {
        if (chain.FirstOrDefault(s => s.EffectiveDate == review.EffectiveDate) is { } same)
            return Error.Conflict("status-on-that-date",
                $"The household already has a status taking effect on {review.EffectiveDate:yyyy-MM-dd} (decision {same.DecisionNumber}).");
        var status = HouseholdStatus.From(review, income150Factor(review.EffectiveDate));
        db.Statuses.Add(status);
        chain.Add(status);
        HouseholdStatus.Settle(chain);
        return null;
    }

    public async Task<Error?> Recognise(PovertyReview review, uint expectedVersion, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Recognitions of one household queue here, so the chain they settle is never computed from a stale read.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM households WHERE id = {review.HouseholdId} FOR UPDATE", ct);

        var chain = await db.Statuses.Where(s => s.HouseholdId == review.HouseholdId).ToListAsync(ct);
        if (AddToChain(review, chain, await Income150Factor(ct)) is { } refused)
            return refused;
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
