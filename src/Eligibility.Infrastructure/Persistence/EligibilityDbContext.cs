using Eligibility.Domain.Households;
using Eligibility.Domain.Reviews;
using Eligibility.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace Eligibility.Infrastructure.Persistence;

public sealed class EligibilityDbContext(DbContextOptions<EligibilityDbContext> options) : DbContext(options)
{
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<PovertyReview> Reviews => Set<PovertyReview>();
    public DbSet<HouseholdStatus> Statuses => Set<HouseholdStatus>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EligibilityDbContext).Assembly);
}
