using Eligibility.Domain.Households;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eligibility.Application.Audit;
using Eligibility.Application.Reviews;
using Eligibility.Application.Rounds;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Infrastructure.Audit;
using Eligibility.Infrastructure.Persistence;
using Eligibility.Infrastructure.Reviews;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Eligibility.Infrastructure.SurveyImport;

public static class SurveyImportInfrastructure
{
    public static IServiceCollection AddSurveyImport(this IServiceCollection services) => services
        .AddSingleton(sp => SurveyFileLimits.From(sp.GetRequiredService<IConfiguration>()))
        .AddScoped<ISurveyImportStore, SurveyImportStore>()
        .AddSingleton<ISurveyFileReaders, SurveyFileReaders>()
        .AddScoped<SurveyImportService>();
}

/// <summary>
/// The survey import's database work, all on one connection and in one transaction: COPY the parsed rows into a
/// temporary staging table, read them back in file order through a cursor joined with what each row needs (household,
/// members' facts, list membership, live review), a batch at a time, and decide each row of the batch in C# while
/// COPYing its new reviews into poverty_reviews, so that the server stores one row while the next is decided. Memory
/// holds one batch of facts, never the file.
/// </summary>
/// <remarks>
/// Measured and not kept (bench/README.md, session 4): a second connection fetching the next batch while the first
/// stores this one. On 2 cores the server's storing is the longest path, and the concurrent join only took CPU from it.
/// </remarks>
sealed class SurveyImportStore(NpgsqlDataSource dataSource, IAuditActor actor, TimeProvider clock, ILogger<SurveyImportStore> logger) : ISurveyImportStore
{
    const int Batch = 5000;
    /// <summary>The report lists at most this many errors (then one line counting the rest), so it stays bounded too.</summary>
    const int MaxErrorsListed = 10_000;
    /// <summary>
    /// Each statement of an import (staging COPY, the ordered join's first FETCH, a batch's COPY, the commit) may take
    /// this long: a million rows take tens of seconds, far beyond the connection's default made for requests.
    /// </summary>
    const int StatementTimeoutSeconds = 600;

    public async Task<SurveyImportResult> Import(ReviewRound round, ISurveyFileReader file, Func<IReadOnlyList<string?>, Result<SurveyColumns>> columnsOf,
        Func<SurveyColumns, int, IReadOnlyList<string?>, Result<SurveyRow>> parse, Func<StagedRowFacts, RowDecision> decide,
        ImportMode mode, CancellationToken ct)
    {
        var errors = new ErrorList();
        SurveyImportResult Refused(int rows, int already = 0) =>
            new(ImportOutcome.Rejected, new SurveyImportResponse(null, round.Id, rows, 0, already, errors.ToList()));

        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The join of a big file with its households and members, and its sort into file order, in memory rather than
        // in temporary files (this transaction only).
        await Execute(connection, tx, "SET LOCAL work_mem = '64MB'", ct);
        // Imports into one round queue here: two of the same file never both store it.
        await Execute(connection, tx, $"SELECT 1 FROM review_rounds WHERE id = '{round.Id}' FOR UPDATE", ct);
        await Execute(connection, tx, """
            CREATE TEMP TABLE survey_import_rows (
                row_no integer NOT NULL, household_id uuid NOT NULL, survey_date date NOT NULL, income_pp numeric, income_12 numeric,
                floor_area numeric, answers boolean[] NOT NULL
            ) ON COMMIT DROP
            """, ct);

        // 1. Stage: parse each row and COPY it; rows with format errors are reported and not staged.
        IReadOnlyList<string?>? header;
        try
        {
            header = await file.Header(ct);
        }
        catch (SurveyFileException e)
        {
            errors.Add(new ImportError(1, null, e.Message));
            return Refused(0) with { Outcome = ImportOutcome.FileRefused };
        }
        if (header is null)
        {
            errors.Add(new ImportError(1, null, "The file is empty: the first row names the columns."));
            return Refused(0) with { Outcome = ImportOutcome.FileRefused };
        }
        var columns = columnsOf(header);
        if (!columns.IsSuccess)
        {
            foreach (var e in columns.Errors)
                errors.Add(new ImportError(1, e.Field, e.Message));
            return Refused(0) with { Outcome = ImportOutcome.FileRefused };
        }
        var codes = columns.Value.IndicatorCodes;

        int rows = 0;
        // A bound met past the header (a bad row number, too many cells) refuses the whole file; the transaction rolls back.
        SurveyFileException? unreadable = null;
        async Task<(int Row, IReadOnlyList<string?> Cells)?> Next()
        {
            try
            {
                return await file.Next(ct);
            }
            catch (SurveyFileException e)
            {
                unreadable = e;
                return null;
            }
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY survey_import_rows (row_no, household_id, survey_date, income_pp, income_12, floor_area, answers) FROM STDIN (FORMAT BINARY)", ct))
        {
            copy.Timeout = TimeSpan.FromSeconds(StatementTimeoutSeconds);
            while (await Next() is { } next)
            {
                if (SurveyColumns.IsBlank(next.Cells))
                    continue;
                rows++;
                var parsed = parse(columns.Value, next.Row, next.Cells);
                if (!parsed.IsSuccess)
                {
                    foreach (var e in parsed.Errors)
                        errors.Add(new ImportError(next.Row, e.Field, e.Message));
                    continue;
                }
                var row = parsed.Value;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Row, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.HouseholdId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.SurveyDate, NpgsqlDbType.Date, ct);
                await WriteNullable(copy, row.IncomePerPersonMonthly, ct);
                await WriteNullable(copy, row.HouseholdIncome12Months, ct);
                await WriteNullable(copy, row.FloorArea, ct);
                await copy.WriteAsync(codes.Select(c => row.Indicators.TryGetValue(c, out var v) ? v : (bool?)null).ToArray(),
                    NpgsqlDbType.Array | NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        if (unreadable is not null)
        {
            errors.Add(new ImportError(1, null, unreadable.Message));
            return Refused(rows) with { Outcome = ImportOutcome.FileRefused };
        }
        // Temporary tables have no statistics until analysed: the planner then sizes the joins by the file's real size.
        await Execute(connection, tx, "ANALYZE survey_import_rows", ct);

        var staged = Stopwatch.GetTimestamp();

        // 2. The same file again: its first report, nothing new.
        var sha = await file.ContentHash(ct);
        if (await Earlier(connection, tx, round.Id, sha, ct) is { } earlier)
            return new SurveyImportResult(ImportOutcome.Replayed, earlier);
        if (rows == 0)
        {
            errors.Add(new ImportError(2, null, "The file has no data rows."));
            return Refused(0) with { Outcome = ImportOutcome.FileRefused };
        }

        // 3. Decide each staged row in file order, a batch at a time; the batch's new reviews are COPied as they are
        // decided, so the server stores them while the next rows are decided.
        // Planned without merge joins: for a big file the members' facts then come from one hash join over the table
        // instead of a walk of its household index in uuid order, a random heap read per member (10 s of the 22 s of a
        // million rows on the bench); a small file still gets index probes (nested loop).
        await Execute(connection, tx, "SET LOCAL enable_mergejoin = off", ct);
        await Execute(connection, tx, RowsWithFacts(round, codes), ct);
        await Execute(connection, tx, "SET LOCAL enable_mergejoin TO DEFAULT", ct);
        var createdIds = new List<Guid>();
        var (created, alreadyImported, fetching, completing) = await DecideAndStore(connection, tx, round, codes, decide, mode, errors, createdIds, ct);
        await Execute(connection, tx, "CLOSE survey_import_cursor", ct);
        var decided = Stopwatch.GetTimestamp();

        if (errors.Count > 0 && mode == ImportMode.AllOrNothing)
            return Refused(rows, alreadyImported);

        var importId = Guid.CreateVersion7();
        var report = new SurveyImportResponse(importId, round.Id, rows, created, alreadyImported, errors.ToList());
        // A clean file is remembered by its hash; one with refused rows is not, so sending it again re-checks them.
        if (errors.Count == 0)
            await Remember(connection, tx, round, sha, report, ct);
        await AuditWriter.Append(connection, tx, actor, [new AuditRecord("import", "review", importId.ToString(), round.CommuneCode, round.ProvinceCode,
            null, new JsonObject
            {
                ["roundId"] = round.Id, ["sha256"] = Convert.ToHexStringLower(sha), ["mode"] = EnumText.ToText(mode), ["rows"] = rows, ["created"] = created,
                ["alreadyImported"] = alreadyImported, ["refused"] = errors.Count,
                // Which reviews this import created, so the trail answers "where did this review come from" on its own.
                ["reviewIds"] = new JsonArray([.. createdIds.Select(id => JsonValue.Create(id))]),
            })], ct);
        try
        {
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            errors.Add(new ImportError(1, null, "A review of one of the households was recorded meanwhile; nothing was stored. Send the file again."));
            return Refused(rows);
        }
        logger.LogInformation(
            "Survey import {ImportId} into round {RoundId}: {Rows} rows staged in {StagedMs} ms; decided, {Created} reviews stored, in {DecidedMs} ms " +
            "(of which waiting for the rows' facts {FetchingMs} ms, for the last reviews of each batch to be stored {CompletingMs} ms); committed in {CommittedMs} ms",
            importId, round.Id, rows, Milliseconds(started, staged), created, Milliseconds(staged, decided), (long)fetching.TotalMilliseconds, (long)completing.TotalMilliseconds,
            Milliseconds(decided, Stopwatch.GetTimestamp()));
        return new SurveyImportResult(ImportOutcome.Imported, report);
    }

    /// <summary>
    /// The staged rows in file order, each with its household (of the round's commune only), the first row naming the same
    /// household, whether the household is on the round's list, its members' facts and its live review in the round.
    /// Set-based (hash joins over the staged rows, not one probe per row), so a big file costs one pass over its
    /// households and their members; the members' arrays are aggregated in one pass, so they are aligned (their order
    /// does not matter: the derivations count members). The unique index poverty_reviews_round_household allows at most
    /// one live review per household and round. Values are the round's own (a uuid, a date, digits), written as
    /// literals because DECLARE takes no parameters.
    /// </summary>
    static string RowsWithFacts(ReviewRound round, IReadOnlyList<string> codes) => $"""
        DECLARE survey_import_cursor NO SCROLL CURSOR FOR
        SELECT s.row_no, s.household_id, s.survey_date, s.income_pp, s.income_12, s.floor_area, s.answers,
               h.id IS NOT NULL AS known, h.province_code,
               f.first_row,
               h.id IS NOT NULL AND (
                   EXISTS (SELECT 1 FROM household_statuses st WHERE st.household_id = h.id AND st.classification IN ('poor', 'near-poor')
                           AND st.effective_date <= DATE '{round.WindowEnd:yyyy-MM-dd}'
                           AND (st.valid_to IS NULL OR st.valid_to > DATE '{round.WindowStart:yyyy-MM-dd}'))
                   OR EXISTS (SELECT 1 FROM review_round_requests q WHERE q.round_id = '{round.Id}' AND q.household_id = h.id)) AS listed,
               m.births, m.insured, m.schooling, m.allowance, m.disability,
               live.id, live.survey_date, live.household_income_12_months, live.income_per_person_monthly, live.floor_area,
               live.indicators::text AS live_indicators
        FROM survey_import_rows s
        JOIN (SELECT household_id, min(row_no) AS first_row FROM survey_import_rows GROUP BY household_id) f ON f.household_id = s.household_id
        LEFT JOIN households h ON h.id = s.household_id AND h.commune_code = '{round.CommuneCode.Replace("'", "''")}'
        LEFT JOIN (
            SELECT household_id, array_agg(date_of_birth) AS births, array_agg(has_health_insurance) AS insured,
                   array_agg(schooling) AS schooling, array_agg(receives_social_allowance) AS allowance,
                   array_agg(has_disability) AS disability
            FROM members
            WHERE household_id IN (SELECT household_id FROM survey_import_rows)
            GROUP BY household_id
        ) m ON m.household_id = h.id
        LEFT JOIN poverty_reviews live ON live.round_id = '{round.Id}' AND live.household_id = h.id AND live.status <> 'returned'
        ORDER BY s.row_no
        """;

    static StagedRowFacts Facts(NpgsqlDataReader r, ReviewRound round, IReadOnlyList<string> codes)
    {
        var answers = r.GetFieldValue<bool?[]>(6);
        var indicators = new Dictionary<string, bool>();
        for (int i = 0; i < codes.Count; i++)
            if (answers[i] is { } v)
                indicators[codes[i]] = v;
        var row = new SurveyRow(r.GetInt32(0), r.GetGuid(1), r.GetFieldValue<DateOnly>(2), Nullable(r, 3), Nullable(r, 4), Nullable(r, 5), indicators);
        bool known = r.GetBoolean(7);
        var members = new List<MemberIndicatorFacts>();
        if (known && !r.IsDBNull(11))
        {
            var births = r.GetFieldValue<DateOnly[]>(11);
            var insured = r.GetFieldValue<bool?[]>(12);
            var schooling = r.GetFieldValue<string?[]>(13);
            var allowance = r.GetFieldValue<bool[]>(14);
            var disability = r.GetFieldValue<bool[]>(15);
            for (int i = 0; i < births.Length; i++)
                members.Add(new MemberIndicatorFacts(births[i], insured[i],
                    schooling[i] is { } s ? EnumText.Parse<Schooling>(s) : null, allowance[i], disability[i]));
        }
        LiveReviewFacts? live = r.IsDBNull(16) ? null : new LiveReviewFacts(r.GetGuid(16), r.GetFieldValue<DateOnly>(17), Nullable(r, 18),
            r.GetDecimal(19), Nullable(r, 20),
            RecordedAnswers(r.GetString(21)));
        return new StagedRowFacts(row, known, r.GetInt32(9), !r.IsDBNull(10) && r.GetBoolean(10),
            new HouseholdSurveyFacts(row.HouseholdId, known ? r.GetString(8) : "", round.CommuneCode, members), live);
    }

    /// <summary>
    /// Decides each row the cursor returns, a batch at a time, and COPies the batch's new reviews as they are decided.
    /// Also returns how long it waited for the server: for the join's rows, and for each batch's last reviews to be stored.
    /// </summary>
    static async Task<(int Created, int AlreadyImported, TimeSpan Fetching, TimeSpan Completing)> DecideAndStore(
        NpgsqlConnection connection, NpgsqlTransaction tx, ReviewRound round, IReadOnlyList<string> codes,
        Func<StagedRowFacts, RowDecision> decide, ImportMode mode, ErrorList errors, List<Guid> createdIds, CancellationToken ct)
    {
        int created = 0, alreadyImported = 0;
        long fetching = 0, completing = 0;
        while (true)
        {
            long fetchStarted = Stopwatch.GetTimestamp();
            var batch = await FetchBatch(connection, tx, round, codes, ct);
            fetching += Stopwatch.GetTimestamp() - fetchStarted;

            await using var copy = await BeginReviews(connection, ct);
            foreach (var facts in batch)
            {
                switch (decide(facts))
                {
                    // Once a row is refused an all-or-nothing import will roll back: nothing more needs writing.
                    case RowDecision.Store store when errors.Count == 0 || mode == ImportMode.Partial:
                        await WriteReview(copy, store.Review, ct);
                        createdIds.Add(store.Review.Id);
                        break;
                    case RowDecision.AlreadyImported:
                        alreadyImported++;
                        break;
                    case RowDecision.Refused refused:
                        foreach (var e in refused.Errors)
                            errors.Add(e);
                        break;
                }
            }
            long completeStarted = Stopwatch.GetTimestamp();
            created += (int)await copy.CompleteAsync(ct);
            completing += Stopwatch.GetTimestamp() - completeStarted;
            if (batch.Count < Batch)
                return (created, alreadyImported, Stopwatch.GetElapsedTime(0, fetching), Stopwatch.GetElapsedTime(0, completing));
        }
    }

    /// <summary>The cursor's next <see cref="Batch"/> rows with their facts (fewer at the end).</summary>
    static async Task<List<StagedRowFacts>> FetchBatch(
        NpgsqlConnection connection, NpgsqlTransaction tx, ReviewRound round, IReadOnlyList<string> codes, CancellationToken ct)
    {
        var batch = new List<StagedRowFacts>(Batch);
        await using var fetch = new NpgsqlCommand($"FETCH {Batch} FROM survey_import_cursor", connection, tx) { CommandTimeout = StatementTimeoutSeconds };
        await using var reader = await fetch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            batch.Add(Facts(reader, round, codes));
        return batch;
    }

    static long Milliseconds(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    static decimal? Nullable(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    sealed record StoredAnswer(string Code, bool Deprived, AnswerSource Source);

    /// <summary>
    /// The recorded (not derived) answers of a live review, from its stored indicators. Read here rather than in SQL:
    /// the evidence is json text, which the server would parse again for every review of a re-sent file (twice the
    /// import's time for a million rows), while this reads only three properties of each indicator.
    /// </summary>
    static Dictionary<string, bool> RecordedAnswers(string indicators) =>
        JsonColumn.Deserialize<List<StoredAnswer>>(indicators)
            .Where(a => a.Source == AnswerSource.Recorded).ToDictionary(a => a.Code, a => a.Deprived);

    static async Task WriteNullable(NpgsqlBinaryImporter copy, decimal? value, CancellationToken ct)
    {
        if (value is { } v)
            await copy.WriteAsync(v, NpgsqlDbType.Numeric, ct);
        else
            await copy.WriteNullAsync(ct);
    }

    /// <summary>A binary COPY into poverty_reviews, for the reviews of one batch (<see cref="WriteReview"/>).</summary>
    static async Task<NpgsqlBinaryImporter> BeginReviews(NpgsqlConnection connection, CancellationToken ct)
    {
        var copy = await connection.BeginBinaryImportAsync("""
            COPY poverty_reviews (id, household_id, province_code, commune_code, kind, period_year, survey_date, effective_date, standard_code,
                standard_reason, area_type, poverty_line, middle_living_ceiling, member_count, household_income_12_months, income_per_person_monthly,
                floor_area, deprivation_count, classification, indicators, reasons, status, round_id, steps, created_at) FROM STDIN (FORMAT BINARY)
            """, ct);
        copy.Timeout = TimeSpan.FromSeconds(StatementTimeoutSeconds);
        return copy;
    }

    /// <summary>One review as the EF mapping stores it (same enum words, the same JSON text: <see cref="JsonColumn"/>).</summary>
    static async Task WriteReview(NpgsqlBinaryImporter copy, PovertyReview r, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(r.HouseholdId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(r.ProvinceCode, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.CommuneCode, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(EnumText.ToText(r.Kind), NpgsqlDbType.Text, ct);
        if (r.PeriodYear is { } year)
            await copy.WriteAsync(year, NpgsqlDbType.Integer, ct);
        else
            await copy.WriteNullAsync(ct);
        await copy.WriteAsync(r.SurveyDate, NpgsqlDbType.Date, ct);
        await copy.WriteAsync(r.EffectiveDate, NpgsqlDbType.Date, ct);
        await copy.WriteAsync(r.StandardCode, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(JsonColumn.SerializeToUtf8(r.StandardReason), NpgsqlDbType.Json, ct);
        await copy.WriteAsync(EnumText.ToText(r.AreaType), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.PovertyLine, NpgsqlDbType.Numeric, ct);
        await copy.WriteAsync(r.MiddleLivingCeiling, NpgsqlDbType.Numeric, ct);
        await copy.WriteAsync(r.MemberCount, NpgsqlDbType.Integer, ct);
        await WriteNullable(copy, r.HouseholdIncome12Months, ct);
        await copy.WriteAsync(r.IncomePerPersonMonthly, NpgsqlDbType.Numeric, ct);
        await WriteNullable(copy, r.FloorArea, ct);
        await copy.WriteAsync(r.DeprivationCount, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(EnumText.ToText(r.Classification), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(JsonColumn.SerializeToUtf8(r.Indicators), NpgsqlDbType.Json, ct);
        await copy.WriteAsync(JsonColumn.SerializeToUtf8(r.Reasons), NpgsqlDbType.Json, ct);
        await copy.WriteAsync(EnumText.ToText(r.Status), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.RoundId!.Value, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(JsonColumn.SerializeToUtf8(r.Steps), NpgsqlDbType.Json, ct);
        await copy.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, ct);
    }

    static async Task<SurveyImportResponse?> Earlier(NpgsqlConnection connection, NpgsqlTransaction tx, Guid roundId, byte[] sha, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT id, rows, created, already_imported FROM survey_imports WHERE round_id = $1 AND sha256 = $2", connection, tx)
        {
            Parameters = { new() { Value = roundId }, new() { Value = sha } },
        };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new SurveyImportResponse(reader.GetGuid(0), roundId, reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), [])
            : null;
    }

    async Task Remember(NpgsqlConnection connection, NpgsqlTransaction tx, ReviewRound round, byte[] sha, SurveyImportResponse report, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO survey_imports (id, round_id, province_code, commune_code, sha256, rows, created, already_imported, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, tx)
        {
            Parameters =
            {
                new() { Value = report.ImportId!.Value }, new() { Value = round.Id }, new() { Value = round.ProvinceCode }, new() { Value = round.CommuneCode },
                new() { Value = sha }, new() { Value = report.Rows }, new() { Value = report.Created }, new() { Value = report.AlreadyImported },
                new() { Value = clock.GetUtcNow() },
            },
        };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = StatementTimeoutSeconds };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Every error counted; the <see cref="MaxErrorsListed"/> of the lowest rows listed in row order (format errors are
    /// found while staging, the others when the rows come back), then one line for the rest.
    /// Holds at most twice that many errors at any time.
    /// </summary>
    sealed class ErrorList
    {
        List<ImportError> listed = [];
        public int Count { get; private set; }

        public void Add(ImportError error)
        {
            Count++;
            listed.Add(error);
            if (listed.Count >= 2 * MaxErrorsListed)
                listed = Lowest();
        }

        /// <summary>Stable: a row's errors keep the order of its columns.</summary>
        List<ImportError> Lowest() => listed.OrderBy(e => e.Row).Take(MaxErrorsListed).ToList();

        public IReadOnlyList<ImportError> ToList()
        {
            var lowest = Lowest();
            return Count > lowest.Count
                ? [.. lowest, new ImportError(lowest[^1].Row, null, $"{Count - lowest.Count} more errors are not listed; correct the ones above and send the file again.")]
                : lowest;
        }
    }
}
