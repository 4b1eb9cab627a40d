using System.Globalization;
using Eligibility.Application.Reviews;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using FluentValidation;

namespace Eligibility.Application.Rounds;

/// <summary>One problem of an imported file: the row as numbered in the file (the header is row 1), the column, and why.</summary>
public sealed record ImportError(int Row, string? Column, string Message)
{
    /// <summary>Text from the file is echoed in reports and errors at most this long, so a huge cell cannot make a huge answer.</summary>
    public const int MaxEchoedChars = 100;

    /// <summary>The text as it may be echoed back: cut to <see cref="MaxEchoedChars"/> with an ellipsis.</summary>
    public static string Echo(string text) => text.Length <= MaxEchoedChars ? text : string.Concat(text.AsSpan(0, MaxEchoedChars), "…");
}

/// <summary>What a survey import did. Nothing is stored when <see cref="Errors"/> is not empty (unless the mode is partial).</summary>
public sealed record SurveyImportResponse(Guid? ImportId, Guid RoundId, int Rows, int Created, int AlreadyImported, IReadOnlyList<ImportError> Errors);

public enum SurveyFileFormat { Csv, Xlsx }

public enum ImportMode
{
    /// <summary>Any bad row: nothing is stored.</summary>
    AllOrNothing,
    /// <summary>The good rows are stored and the bad ones reported.</summary>
    Partial,
}

/// <summary>How an import ended: a new import, the same file imported before (its first report), or refused.</summary>
public enum ImportOutcome { Imported, Replayed, Rejected, FileRefused }

public sealed record SurveyImportResult(ImportOutcome Outcome, SurveyImportResponse Report);

/// <summary>One data row of a survey file, parsed: the survey's answers for one household.</summary>
public sealed record SurveyRow(
    int Row, Guid HouseholdId, DateOnly SurveyDate, decimal? IncomePerPersonMonthly, decimal? HouseholdIncome12Months, decimal? FloorArea,
    IReadOnlyDictionary<string, bool> Indicators) : ISurveyAnswers;

/// <summary>
/// The columns of a survey file (README, "Bulk import of survey results"): household_id, survey_date,
/// income_per_person_monthly or household_income_12_months, floor_area (optional), and one column per indicator code.
/// </summary>
public sealed class SurveyColumns
{
    public const string HouseholdId = "household_id";
    public const string SurveyDate = "survey_date";
    public const string IncomePerPersonMonthly = "income_per_person_monthly";
    public const string HouseholdIncome12Months = "household_income_12_months";
    public const string FloorArea = "floor_area";
    static readonly string[] Fixed = [HouseholdId, SurveyDate, IncomePerPersonMonthly, HouseholdIncome12Months, FloorArea];

    /// <summary>More columns than this refuse the header (the file has about twenty), so its errors stay few.</summary>
    public const int MaxColumns = 500;

    readonly Dictionary<string, int> index;

    SurveyColumns(Dictionary<string, int> index, IReadOnlyList<string> indicatorCodes)
    {
        this.index = index;
        IndicatorCodes = indicatorCodes;
    }

    /// <summary>The indicator columns of the file, in file order; their answers are staged in this order.</summary>
    public IReadOnlyList<string> IndicatorCodes { get; }

    /// <summary>Reads the header: names are trimmed and case-insensitive; unknown, repeated or missing columns refuse the file.</summary>
    public static Result<SurveyColumns> Parse(IReadOnlyList<string?> header, IReadOnlySet<string> knownIndicators)
    {
        if (header.Count > MaxColumns)
            return new Error(ErrorKind.Validation, "too-many-columns",
                $"Dòng tiêu đề có hơn {MaxColumns} cột. / The header row has more than {MaxColumns} columns.");
        var errors = new List<Error>();
        var index = new Dictionary<string, int>();
        var indicators = new List<string>();
        for (int i = 0; i < header.Count; i++)
        {
            var name = header[i]?.Trim().ToLowerInvariant() ?? "";
            if (name.Length == 0)
                continue;
            // An unknown name is echoed cut short: the header is the file's, of any length.
            var echoed = ImportError.Echo(name);
            if (!Fixed.Contains(name) && !knownIndicators.Contains(name))
                errors.Add(Error.Invalid(echoed, $"Unknown column '{echoed}': the columns are {string.Join(", ", Fixed)} and the indicator codes ({string.Join(", ", knownIndicators.Order())})."));
            else if (!index.TryAdd(name, i))
                errors.Add(Error.Invalid(name, $"The column '{name}' appears more than once."));
            else if (!Fixed.Contains(name))
                indicators.Add(name);
        }
        foreach (var required in new[] { HouseholdId, SurveyDate })
            if (!index.ContainsKey(required))
                errors.Add(Error.Invalid(required, $"The column '{required}' is required."));
        if (!index.ContainsKey(IncomePerPersonMonthly) && !index.ContainsKey(HouseholdIncome12Months))
            errors.Add(Error.Invalid(IncomePerPersonMonthly, $"A column '{IncomePerPersonMonthly}' or '{HouseholdIncome12Months}' is required."));
        return errors.Count > 0 ? Result<SurveyColumns>.Failure(errors) : new SurveyColumns(index, indicators);
    }

    string? Cell(IReadOnlyList<string?> cells, string column) =>
        index.TryGetValue(column, out var i) && i < cells.Count && cells[i] is { } v && v.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>True for a row with no value at all (skipped, as spreadsheets often end with some).</summary>
    public static bool IsBlank(IReadOnlyList<string?> cells) => cells.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// Parses one data row and checks the survey's own rules (the same validator as the single endpoint); the errors
    /// name the file's columns.
    /// </summary>
    public Result<SurveyRow> ParseRow(int row, IReadOnlyList<string?> cells, IValidator<ISurveyAnswers> rules)
    {
        // A control character is refused as such, before trimming could hide it or a parser could read around it.
        var errors = index.Where(c => c.Value < cells.Count && cells[c.Value] is { } raw && FreeText.FirstRefused(raw) is not null)
            .OrderBy(c => c.Value).Select(c => new ImportError(row, c.Key, FreeText.Problem(cells[c.Value])!)).ToList();
        if (errors.Count > 0)
            return Failed(errors);
        Guid household = Guid.Empty;
        if (Cell(cells, HouseholdId) is not { } id)
            errors.Add(new(row, HouseholdId, "The household id is required."));
        else if (!Guid.TryParse(id, out household))
            errors.Add(new(row, HouseholdId, "The household id is not a valid id."));
        DateOnly date = default;
        if (Cell(cells, SurveyDate) is not { } d)
            errors.Add(new(row, SurveyDate, "The survey date is required."));
        else if (ParseDate(d) is { } parsed)
            date = parsed;
        else
            errors.Add(new(row, SurveyDate, "The survey date is not a date (YYYY-MM-DD)."));
        var perPerson = Number(row, cells, IncomePerPersonMonthly, errors);
        var yearly = Number(row, cells, HouseholdIncome12Months, errors);
        var floor = Number(row, cells, FloorArea, errors);
        var answers = new Dictionary<string, bool>();
        foreach (var code in IndicatorCodes)
        {
            if (Cell(cells, code) is not { } v)
                continue;
            if (ParseAnswer(v) is { } deprived)
                answers[code] = deprived;
            else
                errors.Add(new(row, code, "The answer is 1/0, yes/no or có/không (empty: derived from the household's facts)."));
        }
        if (errors.Count == 0)
        {
            var parsedRow = new SurveyRow(row, household, date, perPerson, yearly, floor, answers);
            var validation = rules.Validate(parsedRow);
            if (validation.IsValid)
                return parsedRow;
            errors.AddRange(validation.Errors.Select(e => new ImportError(row, ColumnOf(e.PropertyName), e.ErrorMessage)));
        }
        return Failed(errors);
    }

    static Result<SurveyRow> Failed(List<ImportError> errors) =>
        Result<SurveyRow>.Failure(errors.Select(e => new Error(ErrorKind.Validation, "invalid-row", e.Message, e.Column)).ToList());

    /// <summary>The file's column for a field of the survey body (camelCase, as the validator names it).</summary>
    public static string? ColumnOf(string? field) => field switch
    {
        null or "" => null,
        "surveyDate" => SurveyDate,
        "incomePerPersonMonthly" => IncomePerPersonMonthly,
        "householdIncome12Months" => HouseholdIncome12Months,
        "floorArea" => FloorArea,
        "householdId" => HouseholdId,
        "periodYear" => SurveyDate,
        _ when field.StartsWith("indicators.", StringComparison.Ordinal) => field["indicators.".Length..],
        _ => field,
    };

    decimal? Number(int row, IReadOnlyList<string?> cells, string column, List<ImportError> errors)
    {
        if (Cell(cells, column) is not { } v)
            return null;
        if (decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n))
            return n;
        errors.Add(new(row, column, "Not a number (digits, '.' as the decimal point, no thousands separators)."));
        return null;
    }

    static DateOnly? ParseDate(string text)
    {
        // YYYY-MM-DD in ASCII digits, read directly (TryParseExact costs several microseconds a row, which a million-row
        // file notices); anything else goes through TryParseExact as before, so what is accepted does not change.
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4) is var year and > 0 && Digits(text, 5, 2) is var month and >= 1 and <= 12
            && Digits(text, 8, 2) is var day and >= 1 && day <= DateTime.DaysInMonth(year, month))
            return new DateOnly(year, month, day);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        // A spreadsheet date cell holds the day's serial number.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        return null;
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits from <paramref name="start"/>; -1 if any is not one.</summary>
    static int Digits(string text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }

    public static bool? ParseAnswer(string text) => text switch
    {
        // The usual answers first, without allocating.
        "1" => true,
        "0" => false,
        _ => ParseAnyAnswer(text),
    };

    static bool? ParseAnyAnswer(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "yes" or "y" or "true" or "có" or "co" or "x" => true,
        "0" or "no" or "n" or "false" or "không" or "khong" => false,
        _ => null,
    };
}

/// <summary>A survey file's rows, read one at a time (never the whole file in memory), with their row numbers in the file.</summary>
public interface ISurveyFileReader : IAsyncDisposable
{
    /// <summary>The header row's cells; null for an empty file.</summary>
    Task<IReadOnlyList<string?>?> Header(CancellationToken ct);

    /// <summary>The next data row and its number in the file (header = row 1); null at the end.</summary>
    Task<(int Row, IReadOnlyList<string?> Cells)?> Next(CancellationToken ct);

    /// <summary>The SHA-256 of the file's bytes, once every row has been read.</summary>
    Task<byte[]> ContentHash(CancellationToken ct);
}

/// <summary>What the store knows about a row's household, from one ordered query over the staged rows.</summary>
public sealed record StagedRowFacts(
    SurveyRow Row, bool KnownInCommune, int FirstRowOfHousehold, bool Listed, HouseholdSurveyFacts Household, LiveReviewFacts? Live);

/// <summary>The household's live review in the round, with the facts it was recorded from (to tell a re-import from a change).</summary>
public sealed record LiveReviewFacts(
    Guid Id, DateOnly SurveyDate, decimal? HouseholdIncome12Months, decimal IncomePerPersonMonthly, decimal? FloorArea, IReadOnlyDictionary<string, bool> Recorded);

/// <summary>Per staged row: a review to store, a row already imported, or its errors.</summary>
public abstract record RowDecision
{
    public sealed record Store(PovertyReview Review) : RowDecision;
    public sealed record AlreadyImported : RowDecision;
    public sealed record Refused(IReadOnlyList<ImportError> Errors) : RowDecision;
}

public interface ISurveyImportStore
{
    /// <summary>
    /// In one transaction, with the round locked: stages every row of the file through COPY, answers the earlier
    /// report if this file (by SHA-256) was imported into the round before, else decides each staged row with
    /// <paramref name="decide"/> (in file order) and copies the reviews to store into poverty_reviews. Commits when
    /// there are no errors (or the mode is partial), else rolls back.
    /// </summary>
    Task<SurveyImportResult> Import(ReviewRound round, ISurveyFileReader file, Func<IReadOnlyList<string?>, Result<SurveyColumns>> columns,
        Func<SurveyColumns, int, IReadOnlyList<string?>, Result<SurveyRow>> parse, Func<StagedRowFacts, RowDecision> decide,
        ImportMode mode, CancellationToken ct);
}

public interface ISurveyFileReaders
{
    /// <summary>
    /// Copies the upload into a private temporary file, hashing it on the way, so that the import reads the network
    /// before it takes a connection, a transaction or the round's lock.
    /// </summary>
    Task<SpooledSurveyFile> Spool(Stream content, CancellationToken ct);

    /// <summary>
    /// A reader over the spooled file. An XLSX package is checked and its shared strings read here, still before the
    /// transaction; a file that cannot be read throws <see cref="SurveyFileException"/>.
    /// </summary>
    ISurveyFileReader Open(SpooledSurveyFile file, SurveyFileFormat format);
}

/// <summary>An upload read whole into a temporary file (deleted when disposed), with the SHA-256 of its bytes.</summary>
public sealed class SpooledSurveyFile(Stream content, byte[] sha256) : IAsyncDisposable
{
    /// <summary>The file's bytes, seekable; readers start from the beginning.</summary>
    public Stream Content { get; } = content;

    public byte[] Sha256 { get; } = sha256;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>A file that cannot be read at all (not a workbook, out of bounds, not UTF-8 text): refused as a whole, with why.</summary>
public sealed class SurveyFileException(string message) : Exception(message);
