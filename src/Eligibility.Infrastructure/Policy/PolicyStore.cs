using Eligibility.Application.Policy;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Infrastructure.Persistence;
using Npgsql;

namespace Eligibility.Infrastructure.Policy;

sealed class PolicyStore(NpgsqlDataSource dataSource) : IPolicyStore
{
    public async Task<Error?> AddFigures(string standardCode, StandardFigures f, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO standard_figures (standard_code, effective_from, rural_line, urban_line, middle_living_factor, deprivation_threshold,
                min_floor_area_per_person, health_insurance_from_age, child_under_age, elderly_from_age, max_dependants_share,
                schooling_from_age, schooling_under_age, legal_basis)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT DO NOTHING
            """);
        var d = f.Derivation;
        foreach (var value in new object[] { standardCode, f.EffectiveFrom, f.RuralLine, f.UrbanLine, f.MiddleLivingFactor, f.DeprivationThreshold,
            d.MinFloorAreaPerPerson, d.HealthInsuranceFromAge, d.ChildUnderAge, d.ElderlyFromAge, d.MaxDependantsShare,
            d.SchoolingFromAge, d.SchoolingUnderAge, f.LegalBasis })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? null : VersionExists(f.EffectiveFrom);
    }

    public async Task<Error?> AddTerms(string programmeCode, ProgrammeTerms t, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO programme_terms (programme_code, effective_from, max_amount, amount_basis, max_term_months, annual_rate_percent,
                priority_annual_rate_percent, minimum_borrower_age, window_years, legal_basis)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT DO NOTHING
            """);
        foreach (var value in new object?[] { programmeCode, t.EffectiveFrom, t.MaxAmount, EnumText.ToText(t.AmountBasis), t.MaxTermMonths,
            t.AnnualRatePercent, t.PriorityAnnualRatePercent, t.MinimumBorrowerAge, t.WindowYears, t.LegalBasis })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? null : VersionExists(t.EffectiveFrom);
    }

    static Error VersionExists(DateOnly from) =>
        Error.Conflict("version-exists", $"A version taking effect on {from:yyyy-MM-dd} already exists; versions are never rewritten.");
}
