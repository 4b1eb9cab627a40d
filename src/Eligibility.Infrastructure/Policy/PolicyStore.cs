using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Eligibility.Application.Policy;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Infrastructure.Audit;
using Eligibility.Infrastructure.Persistence;
using Npgsql;

namespace Eligibility.Infrastructure.Policy;

sealed class PolicyStore(NpgsqlDataSource dataSource, RequestSession session, IAuditActor actor, PolicyCatalog catalog) : IPolicyStore
{
    public async Task<Error?> AddFigures(string standardCode, StandardFigures f, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO standard_figures AS row (standard_code, effective_from, rural_line, urban_line, middle_living_factor, deprivation_threshold,
                min_floor_area_per_person, health_insurance_from_age, child_under_age, elderly_from_age, max_dependants_share,
                schooling_from_age, schooling_under_age, legal_basis, confirmed, middle_living_factor_confirmed, source)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT DO NOTHING
            RETURNING to_jsonb(row)::text
            """);
        var d = f.Derivation;
        foreach (var value in new object[] { standardCode, f.EffectiveFrom, f.RuralLine, f.UrbanLine, f.MiddleLivingFactor, f.DeprivationThreshold,
            d.MinFloorAreaPerPerson, d.HealthInsuranceFromAge, d.ChildUnderAge, d.ElderlyFromAge, d.MaxDependantsShare,
            d.SchoolingFromAge, d.SchoolingUnderAge, f.LegalBasis, f.Confirmed, f.MiddleLivingFactorConfirmed, f.Source })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await WriteAudited(cmd, AuditActions.Create, "standard-figures", $"{standardCode}/{f.EffectiveFrom:yyyy-MM-dd}", ct,
            (connection, tx) => Rederive(connection, tx, standardCode, f.EffectiveFrom, ct)) ? Changed() : VersionExists(f.EffectiveFrom);
    }

    public async Task<Error?> AddTerms(string programmeCode, ProgrammeTerms t, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO programme_terms AS row (programme_code, effective_from, max_amount, amount_basis, max_term_months, annual_rate_percent,
                priority_annual_rate_percent, minimum_borrower_age, window_years, legal_basis, confirmed, source, priority_rule, income_ceiling_factor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT DO NOTHING
            RETURNING to_jsonb(row)::text
            """);
        foreach (var value in new object?[] { programmeCode, t.EffectiveFrom, t.MaxAmount, EnumText.ToText(t.AmountBasis), t.MaxTermMonths,
            t.AnnualRatePercent, t.PriorityAnnualRatePercent, t.MinimumBorrowerAge, t.WindowYears, t.LegalBasis, t.Confirmed, t.Source,
            t.PriorityRule is { } rule ? EnumText.ToText(rule) : null, t.IncomeCeilingFactor })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        // income-150's factor settles the stored income-150 flags, like the lines do.
        Func<NpgsqlConnection, NpgsqlTransaction, Task>? rederive = programmeCode == ProgrammeCodes.Income150
            ? (connection, tx) => Rederive(connection, tx, null, t.EffectiveFrom, ct)
            : null;
        return await WriteAudited(cmd, AuditActions.Create, "programme-terms", $"{programmeCode}/{t.EffectiveFrom:yyyy-MM-dd}", ct, rederive)
            ? Changed() : VersionExists(t.EffectiveFrom);
    }

    public async Task<Error?> AddIndicatorThreshold(string standardCode, string indicatorCode, IndicatorThreshold t, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO indicator_thresholds AS row (standard_code, indicator_code, effective_from, confirmed, source, legal_basis)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (standard_code, indicator_code, effective_from) DO UPDATE
                SET confirmed = excluded.confirmed, source = excluded.source, legal_basis = excluded.legal_basis, created_at = now()
                WHERE NOT row.confirmed
            RETURNING to_jsonb(row)::text
            """);
        // A future version marked unconfirmed may be replaced by what a source says: nothing was ever derived from it.
        foreach (var value in new object[] { standardCode, indicatorCode, t.EffectiveFrom, t.Confirmed, t.Source, t.LegalBasis })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await WriteAudited(cmd, AuditActions.Create, "indicator-threshold", $"{standardCode}/{indicatorCode}/{t.EffectiveFrom:yyyy-MM-dd}", ct)
            ? Changed() : VersionExists(t.EffectiveFrom);
    }

    /// <summary>
    /// Runs the insert or delete (RETURNING the row as JSON) and, when it touched a row, records it — as stored, or as it
    /// was before deletion — in the same transaction: the request's own, so an idempotency key commits with it.
    /// </summary>
    async Task<bool> WriteAudited(NpgsqlCommand write, string action, string entity, string entityId, CancellationToken ct,
        Func<NpgsqlConnection, NpgsqlTransaction, Task>? alsoDo = null)
    {
        await using var scope = await session.Begin(ct);
        var (connection, tx) = (scope.Connection, scope.Transaction);
        (write.Connection, write.Transaction) = (connection, tx);
        if (await write.ExecuteScalarAsync(ct) is not string row)
            return false;
        var stored = JsonNode.Parse(row);
        var deleted = action == AuditActions.Delete;
        await AuditWriter.Append(connection, tx, actor,
            [new AuditRecord(action, entity, entityId, null, null, deleted ? stored : null, deleted ? null : stored)], ct);
        if (alsoDo is not null)
            await alsoDo(connection, tx);
        await scope.Commit(ct);
        return true;
    }

    /// <summary>
    /// Re-derives, set-based and in the same transaction as the new figures or income-150 terms, what is stored from
    /// them: whether each status from their effective date on (of the standard; of every standard when null) has income
    /// within income-150's own factor times its line (the income-150 lists read that flag). Other terms are read when
    /// answering, so nothing stored depends on them.
    /// </summary>
    static async Task Rederive(NpgsqlConnection connection, NpgsqlTransaction tx, string? standardCode, DateOnly from, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE household_statuses s SET within_income_150 = d.within
            FROM (
                SELECT s.review_id,
                       coalesce(s.income_per_person_monthly <= t.income_ceiling_factor * CASE r.area_type WHEN 'urban' THEN f.urban_line ELSE f.rural_line END, false) AS within
                FROM household_statuses s
                JOIN poverty_reviews r ON r.id = s.review_id
                JOIN LATERAL (SELECT * FROM standard_figures f WHERE f.standard_code = s.standard_code AND f.effective_from <= s.effective_date
                              ORDER BY f.effective_from DESC LIMIT 1) f ON true
                LEFT JOIN LATERAL (SELECT t.income_ceiling_factor FROM programme_terms t
                                   WHERE t.programme_code = 'income-150' AND t.effective_from <= s.effective_date
                                   ORDER BY t.effective_from DESC LIMIT 1) t ON true
                WHERE ($1::text IS NULL OR s.standard_code = $1) AND s.effective_date >= $2) d
            WHERE d.review_id = s.review_id AND s.within_income_150 IS DISTINCT FROM d.within
            """, connection, tx);
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)standardCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = from });
        await update.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<PublicHoliday>> Holidays(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT day, name_vi, name_en, legal_basis FROM public_holidays WHERE day BETWEEN $1 AND $2 ORDER BY day");
        cmd.Parameters.Add(new NpgsqlParameter { Value = from });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to });
        var holidays = new List<PublicHoliday>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            holidays.Add(new PublicHoliday(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return holidays;
    }

    public async Task<Error?> AddHoliday(PublicHoliday h, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO public_holidays AS row (day, name_vi, name_en, legal_basis, created_at) VALUES ($1, $2, $3, $4, now())
            ON CONFLICT DO NOTHING
            RETURNING to_jsonb(row)::text
            """);
        foreach (var value in new object[] { h.Day, h.NameVi, h.NameEn, h.LegalBasis })
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await WriteAudited(cmd, AuditActions.Create, "public-holiday", $"{h.Day:yyyy-MM-dd}", ct)
            ? null
            : Error.Conflict("holiday-exists", $"{h.Day:yyyy-MM-dd} is already a public holiday; remove it first to change it.");
    }

    public async Task<bool> RemoveHoliday(DateOnly day, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("DELETE FROM public_holidays AS row WHERE day = $1 RETURNING to_jsonb(row)::text");
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        return await WriteAudited(cmd, AuditActions.Delete, "public-holiday", $"{day:yyyy-MM-dd}", ct);
    }

    Error? Changed()
    {
        // Not before the commit: a request reading the policy meanwhile would cache it without the new version.
        session.AfterCommit(catalog.Invalidate);
        return null;
    }

    static Error VersionExists(DateOnly from) =>
        Error.Conflict("version-exists", $"A version taking effect on {from:yyyy-MM-dd} already exists; versions are never rewritten.");
}
