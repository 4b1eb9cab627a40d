using Eligibility.Application.Policy;
using Eligibility.Domain.Policy;
using Eligibility.Infrastructure.Persistence;
using Npgsql;

namespace Eligibility.Infrastructure.Policy;

/// <summary>
/// Reads the policy tables whole (a few dozen rows) in one round trip, and keeps them for a minute: every eligibility
/// answer needs them. A cache that is a minute stale cannot change an answer, because new versions only ever take
/// effect after today; this instance's own admin writes drop it at once, other instances' within the minute.
/// </summary>
sealed class PolicyCatalog(NpgsqlDataSource dataSource, TimeProvider clock) : IPolicyCatalog
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // A reference, replaced whole: concurrent requests read either the old or the new pair, never half of each (a
    // nullable struct of two fields could be read torn while another request stores it).
    sealed record Cached(PolicySet Policy, DateTimeOffset LoadedAt);

    Cached? cached;

    public async Task<PolicySet> Load(CancellationToken ct)
    {
        if (Volatile.Read(ref cached) is { } hit && clock.GetUtcNow() - hit.LoadedAt < Lifetime)
            return hit.Policy;
        var policy = await Read(ct);
        Volatile.Write(ref cached, new Cached(policy, clock.GetUtcNow()));
        return policy;
    }

    public void Invalidate() => Volatile.Write(ref cached, null);

    async Task<PolicySet> Read(CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("SELECT code, legal_basis, in_force_from, in_force_to FROM poverty_standards ORDER BY in_force_from"));
        batch.BatchCommands.Add(new("""
            SELECT standard_code, effective_from, rural_line, urban_line, middle_living_factor, deprivation_threshold,
                   min_floor_area_per_person, health_insurance_from_age, child_under_age, elderly_from_age,
                   max_dependants_share, schooling_from_age, schooling_under_age, legal_basis,
                   confirmed, middle_living_factor_confirmed, source
            FROM standard_figures ORDER BY standard_code, effective_from
            """));
        batch.BatchCommands.Add(new("SELECT standard_code, code, name_vi, name_en, service FROM standard_indicators ORDER BY standard_code, position"));
        batch.BatchCommands.Add(new("SELECT code, name_vi, name_en, legal_basis FROM loan_programmes ORDER BY position"));
        batch.BatchCommands.Add(new("""
            SELECT programme_code, effective_from, max_amount, amount_basis, max_term_months, annual_rate_percent,
                   priority_annual_rate_percent, minimum_borrower_age, window_years, legal_basis,
                   confirmed, source, priority_rule, income_ceiling_factor
            FROM programme_terms ORDER BY programme_code, effective_from
            """));
        batch.BatchCommands.Add(new("""
            SELECT standard_code, indicator_code, effective_from, confirmed, source, legal_basis
            FROM indicator_thresholds ORDER BY standard_code, indicator_code, effective_from
            """));
        await using var reader = await batch.ExecuteReaderAsync(ct);

        var standards = new List<(string Code, string Basis, DateOnly From, DateOnly To)>();
        while (await reader.ReadAsync(ct))
            standards.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3)));

        await reader.NextResultAsync(ct);
        var figures = new List<(string Standard, StandardFigures Figures)>();
        while (await reader.ReadAsync(ct))
            figures.Add((reader.GetString(0), new StandardFigures(
                reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetInt32(5),
                new DerivationThresholds(reader.GetDecimal(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
                    reader.GetDecimal(10), reader.GetInt32(11), reader.GetInt32(12)),
                reader.GetString(13))
            {
                Confirmed = reader.GetBoolean(14),
                MiddleLivingFactorConfirmed = reader.GetBoolean(15),
                Source = reader.GetString(16),
            }));

        await reader.NextResultAsync(ct);
        var indicators = new List<(string Standard, Indicator Indicator)>();
        while (await reader.ReadAsync(ct))
            indicators.Add((reader.GetString(0), new Indicator(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))));

        await reader.NextResultAsync(ct);
        var programmes = new List<(string Code, string Vi, string En, string Basis)>();
        while (await reader.ReadAsync(ct))
            programmes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));

        await reader.NextResultAsync(ct);
        var terms = new List<(string Programme, ProgrammeTerms Terms)>();
        while (await reader.ReadAsync(ct))
            terms.Add((reader.GetString(0), new ProgrammeTerms(
                reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                EnumText.Parse<AmountBasis>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetDecimal(5),
                reader.GetString(9))
            {
                PriorityAnnualRatePercent = reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                MinimumBorrowerAge = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                WindowYears = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                Confirmed = reader.GetBoolean(10),
                Source = reader.GetString(11),
                PriorityRule = reader.IsDBNull(12) ? null : EnumText.Parse<PriorityRule>(reader.GetString(12)),
                IncomeCeilingFactor = reader.IsDBNull(13) ? null : reader.GetDecimal(13),
            }));

        await reader.NextResultAsync(ct);
        var thresholds = new List<(string Standard, string Indicator, IndicatorThreshold Threshold)>();
        while (await reader.ReadAsync(ct))
            thresholds.Add((reader.GetString(0), reader.GetString(1),
                new IndicatorThreshold(reader.GetFieldValue<DateOnly>(2), reader.GetBoolean(3), reader.GetString(4), reader.GetString(5))));

        return new PolicySet(
            standards.Select(s => new PovertyStandard(s.Code, s.Basis, s.From, s.To,
                figures.Where(f => f.Standard == s.Code).Select(f => f.Figures).ToList(),
                indicators.Where(i => i.Standard == s.Code).Select(i => i.Indicator with
                {
                    Thresholds = thresholds.Where(t => t.Standard == s.Code && t.Indicator == i.Indicator.Code).Select(t => t.Threshold).ToList(),
                }).ToList())).ToList(),
            programmes.Select(p => new LoanProgramme(p.Code, p.Vi, p.En, p.Basis,
                terms.Where(t => t.Programme == p.Code).Select(t => t.Terms).ToList())).ToList());
    }
}
