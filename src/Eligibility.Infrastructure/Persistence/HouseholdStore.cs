using Eligibility.Application.Common;
using Eligibility.Application.Households;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eligibility.Infrastructure.Persistence;

sealed class HouseholdStore(EligibilityDbContext db) : IHouseholdStore
{
    public Task<Household?> Find(Guid id, CancellationToken ct) =>
        db.Households.Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == id, ct);

    public void Add(Household household) => db.Households.Add(household);

    public async Task<IReadOnlyList<PersonalIdHolder>> FindHolders(IReadOnlyCollection<string> personalIds, CancellationToken ct) =>
        await db.Members
            .Where(m => m.PersonalId != null && personalIds.Contains(m.PersonalId))
            .Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => new PersonalIdHolder(m.PersonalId!, h.Id, h.CommuneCode, m.Id))
            .ToListAsync(ct);

    public async Task<Error?> Save(Household household, uint expectedVersion, CancellationToken ct)
    {
        var entry = db.Entry(household);
        if (entry.State != EntityState.Added)
            entry.Property(h => h.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Concurrency.Stale("household");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "members_personal_id" })
        {
            // Another request recorded the same number between our check and our write.
            return new Error(ErrorKind.Conflict, "personal-id-in-another-household",
                "This personal ID number is already recorded for a member of another household.", "personalId");
        }
    }

    public async Task<Paged<HouseholdSummary>> List(HouseholdListQuery query, CancellationToken ct)
    {
        // One query for the page and one for the count, whatever the page size. The filter is built from the
        // criteria given, so the planner sees plain conditions: the (commune, head_name, id) or (village, head_name, id)
        // index serves the ordered page, the commune + trigram GIN index serves a name search.
        var filter = "h.commune_code = @commune";
        var parameters = new List<NpgsqlParameter> { new("commune", query.CommuneCode) };
        if (query.VillageId is { } village)
        {
            filter += " AND h.village_id = @village";
            parameters.Add(new("village", village));
        }
        if (SearchPattern(query.Name) is { } pattern)
        {
            filter += " AND h.search_names LIKE search_key(@pattern)";
            parameters.Add(new("pattern", pattern));
        }

        // Only fixed SQL fragments go into the text; every value is a parameter.
        var pageSql = $"""
            SELECT h.id AS "Id", h.commune_code AS "CommuneCode", h.village_id AS "VillageId", v.name AS "VillageName",
                   h.address AS "Address", h.head_name AS "HeadName",
                   (SELECT count(*)::int FROM members m WHERE m.household_id = h.id) AS "MemberCount"
            FROM households h
            JOIN villages v ON v.id = h.village_id
            WHERE {filter}
            ORDER BY h.head_name, h.id
            LIMIT @limit OFFSET @offset
            """;
        var countSql = $"""SELECT count(*) AS "Value" FROM households h WHERE {filter}""";
        var rows = await db.Database.SqlQueryRaw<SummaryRow>(pageSql, [.. parameters.Select(Clone), new NpgsqlParameter("limit", query.PageSize), new NpgsqlParameter("offset", (query.Page - 1L) * query.PageSize)])
            .ToListAsync(ct);
        var total = await db.Database.SqlQueryRaw<long>(countSql, [.. parameters])
            .SingleAsync(ct);
        return new(rows.Select(r => new HouseholdSummary(r.Id, r.CommuneCode, r.VillageId, r.VillageName, r.Address, r.HeadName, r.MemberCount)).ToList(),
            query.Page, query.PageSize, total);
    }

    static NpgsqlParameter Clone(NpgsqlParameter p) => new(p.ParameterName, p.Value);

    /// <summary>A LIKE pattern over search keys: the caller's words, unaccented and lower-cased as the column is.</summary>
    static string? SearchPattern(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => PersonName.Normalize(w).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_"));
        return "%" + string.Join(' ', words) + "%";
    }

    sealed record SummaryRow(Guid Id, string CommuneCode, Guid VillageId, string VillageName, string Address, string HeadName, int MemberCount);
}
