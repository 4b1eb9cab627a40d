using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using FluentValidation;

namespace Eligibility.Application.Policy;

public interface IPolicyStore
{
    /// <summary>Adds a version; a version already starting that day is a conflict.</summary>
    Task<Error?> AddFigures(string standardCode, StandardFigures figures, CancellationToken ct);

    Task<Error?> AddTerms(string programmeCode, ProgrammeTerms terms, CancellationToken ct);

    Task<Error?> AddIndicatorThreshold(string standardCode, string indicatorCode, IndicatorThreshold threshold, CancellationToken ct);

    /// <summary>The public holidays from <paramref name="from"/> to <paramref name="to"/>, both included, by day.</summary>
    Task<IReadOnlyList<PublicHoliday>> Holidays(DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>Adds a holiday; one already on that day is a conflict.</summary>
    Task<Error?> AddHoliday(PublicHoliday holiday, CancellationToken ct);

    /// <summary>Removes the holiday of that day; false when there is none.</summary>
    Task<bool> RemoveHoliday(DateOnly day, CancellationToken ct);
}

/// <summary>Standards and programmes as data: read by everyone, versioned forward by admins.</summary>
public sealed class PolicyService(IPolicyCatalog catalog, IPolicyStore store, TimeProvider clock)
{
    public async Task<IReadOnlyList<StandardResponse>> Standards(CancellationToken ct) =>
        (await catalog.Load(ct)).Standards.Select(s => s.ToResponse()).ToList();

    public async Task<Result<StandardResponse>> Standard(string code, CancellationToken ct) =>
        (await catalog.Load(ct)).Standard(code) is { } s ? s.ToResponse() : Error.NotFound("Standard");

    public async Task<IReadOnlyList<ProgrammeResponse>> Programmes(DateOnly? asOf, CancellationToken ct)
    {
        var day = asOf ?? clock.Today();
        return (await catalog.Load(ct)).Programmes.Select(p => p.ToResponse(day)).ToList();
    }

    /// <summary>
    /// A new version takes effect on a future date only: answers already given for past days stay reproducible.
    /// </summary>
    public async Task<Result<StandardResponse>> AddFigures(string code, NewStandardFiguresRequest request, CancellationToken ct)
    {
        var standard = (await catalog.Load(ct)).Standard(code);
        if (standard is null)
            return Error.NotFound("Standard");
        if (request.EffectiveFrom <= clock.Today())
            return Error.Invalid("effectiveFrom", "A new version takes effect after today, so past answers do not change.");
        var derivation = request.Derivation ?? standard.FiguresOn(request.EffectiveFrom)?.Derivation ?? standard.Figures[^1].Derivation;
        var figures = new StandardFigures(request.EffectiveFrom, request.RuralLine, request.UrbanLine, request.MiddleLivingFactor,
            request.DeprivationThreshold, derivation, request.LegalBasis.Trim())
        {
            Confirmed = request.Confirmed,
            MiddleLivingFactorConfirmed = request.MiddleLivingFactorConfirmed,
            Source = request.Source?.Trim() is { Length: > 0 } source ? source : request.LegalBasis.Trim(),
        };
        if (await store.AddFigures(code, figures, ct) is { } error)
            return error;
        return (await catalog.Load(ct)).Standard(code)!.ToResponse();
    }

    public async Task<Result<ProgrammeResponse>> AddTerms(string code, NewProgrammeTermsRequest request, CancellationToken ct)
    {
        if ((await catalog.Load(ct)).Programme(code) is null)
            return Error.NotFound("Programme");
        if (request.EffectiveFrom <= clock.Today())
            return Error.Invalid("effectiveFrom", "A new version takes effect after today, so past answers do not change.");
        // The rule of these programmes reads these figures: terms without them could not answer anyone.
        if (code == ProgrammeCodes.JobCreation && request.PriorityRule is null)
            return Error.Invalid("priorityRule", "job-creation terms name the priority groups they apply: decree61 or law74.");
        if (code == ProgrammeCodes.Income150 && request.IncomeCeilingFactor is null)
            return Error.Invalid("incomeCeilingFactor", "income-150 terms give the multiple of the poverty line income may reach, e.g. 1.5.");
        var terms = new ProgrammeTerms(request.EffectiveFrom, request.MaxAmount, request.AmountBasis, request.MaxTermMonths,
            request.AnnualRatePercent, request.LegalBasis.Trim())
        {
            PriorityAnnualRatePercent = request.PriorityAnnualRatePercent,
            MinimumBorrowerAge = request.MinimumBorrowerAge,
            WindowYears = request.WindowYears,
            PriorityRule = request.PriorityRule,
            IncomeCeilingFactor = request.IncomeCeilingFactor,
            Confirmed = request.Confirmed,
            Source = request.Source?.Trim() is { Length: > 0 } source ? source : request.LegalBasis.Trim(),
        };
        if (await store.AddTerms(code, terms, ct) is { } error)
            return error;
        return (await catalog.Load(ct)).Programme(code)!.ToResponse(request.EffectiveFrom);
    }

    /// <summary>
    /// Records what is known of an indicator's threshold from a future date. A confirmed threshold lets the answer be
    /// derived from member facts again from that date; an unconfirmed one makes the reviewer record it. A future
    /// version still unconfirmed may be replaced (it never derived an answer); a confirmed one never is.
    /// </summary>
    public async Task<Result<StandardResponse>> AddIndicatorThreshold(string code, string indicator, NewIndicatorThresholdRequest request, CancellationToken ct)
    {
        var standard = (await catalog.Load(ct)).Standard(code);
        if (standard is null)
            return Error.NotFound("Standard");
        if (standard.FindIndicator(indicator) is null)
            return Error.NotFound("Indicator");
        if (request.EffectiveFrom <= clock.Today())
            return Error.Invalid("effectiveFrom", "A new version takes effect after today, so past answers do not change.");
        var threshold = new IndicatorThreshold(request.EffectiveFrom, request.Confirmed, request.Source.Trim(), request.LegalBasis.Trim());
        if (await store.AddIndicatorThreshold(code, indicator, threshold, ct) is { } error)
            return error;
        return (await catalog.Load(ct)).Standard(code)!.ToResponse();
    }

    public async Task<Result<IReadOnlyList<PublicHolidayResponse>>> Holidays(int year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            return Error.Invalid("year", "The year is from 2000 to 2100.");
        return (await store.Holidays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct)).Select(h => h.ToResponse()).ToList();
    }

    /// <summary>
    /// Holidays change for days after today only, like every other figure: a posting already started keeps the end it
    /// was given, and an answer about a past day stays reproducible.
    /// </summary>
    public async Task<Result<PublicHolidayResponse>> AddHoliday(PublicHolidayRequest request, CancellationToken ct)
    {
        if (request.Day <= clock.Today())
            return Error.Invalid("day", "A holiday is added for a day after today, so periods already counted do not change.");
        if (request.Day.Year > 2100)
            return Error.Invalid("day", "A holiday is a day up to the year 2100.");
        var holiday = new PublicHoliday(request.Day, request.NameVi.Trim(), request.NameEn.Trim(), request.LegalBasis.Trim());
        return await store.AddHoliday(holiday, ct) is { } error ? error : holiday.ToResponse();
    }

    public async Task<Result<DateOnly>> RemoveHoliday(DateOnly day, CancellationToken ct)
    {
        if (day <= clock.Today())
            return Error.Invalid("day", "A holiday is removed only for a day after today, so periods already counted do not change.");
        return await store.RemoveHoliday(day, ct) ? day : Error.NotFound("Public holiday");
    }
}

// PrecisionScale: each figure fits its column's numeric(precision, scale); more decimals would be rounded away silently
// or break a database check (a line of 1e-28 VND becomes 0), so they are refused naming the field.
public sealed class NewStandardFiguresRequestValidator : AbstractValidator<NewStandardFiguresRequest>
{
    public NewStandardFiguresRequestValidator()
    {
        RuleFor(r => r.RuralLine).GreaterThan(0).LessThan(1_000_000_000).PrecisionScale(14, 0, ignoreTrailingZeros: true);
        RuleFor(r => r.UrbanLine).GreaterThan(0).LessThan(1_000_000_000).PrecisionScale(14, 0, ignoreTrailingZeros: true);
        RuleFor(r => r.MiddleLivingFactor).GreaterThanOrEqualTo(1).LessThan(10).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(r => r.DeprivationThreshold).GreaterThan(0).LessThan(50);
        RuleFor(r => r.LegalBasis).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Name the legal basis.").MaximumLength(300);
        RuleFor(r => r.Derivation!.MinFloorAreaPerPerson).GreaterThan(0).LessThan(1000).PrecisionScale(6, 2, ignoreTrailingZeros: true).When(r => r.Derivation is not null);
        RuleFor(r => r.Derivation!.MaxDependantsShare).InclusiveBetween(0, 1).PrecisionScale(4, 3, ignoreTrailingZeros: true).When(r => r.Derivation is not null);
        RuleFor(r => r.Source).MaximumLength(500);
    }
}

public sealed class NewIndicatorThresholdRequestValidator : AbstractValidator<NewIndicatorThresholdRequest>
{
    public NewIndicatorThresholdRequestValidator()
    {
        RuleFor(r => r.Source).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Name the source.").MaximumLength(500);
        RuleFor(r => r.LegalBasis).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Name the legal basis.").MaximumLength(300);
    }
}

public sealed class NewProgrammeTermsRequestValidator : AbstractValidator<NewProgrammeTermsRequest>
{
    public NewProgrammeTermsRequestValidator()
    {
        RuleFor(r => r.MaxAmount).GreaterThan(0).LessThan(100_000_000_000).PrecisionScale(16, 0, ignoreTrailingZeros: true);
        RuleFor(r => r.AmountBasis).IsInEnum();
        RuleFor(r => r.MaxTermMonths).GreaterThan(0).LessThanOrEqualTo(600);
        RuleFor(r => r.AnnualRatePercent).InclusiveBetween(0, 100).PrecisionScale(7, 4, ignoreTrailingZeros: true);
        RuleFor(r => r.PriorityAnnualRatePercent).InclusiveBetween(0, 100).PrecisionScale(7, 4, ignoreTrailingZeros: true);
        RuleFor(r => r.MinimumBorrowerAge).InclusiveBetween(1, 100);
        RuleFor(r => r.WindowYears).InclusiveBetween(1, 50);
        RuleFor(r => r.PriorityRule).IsInEnum();
        RuleFor(r => r.IncomeCeilingFactor).GreaterThan(0).LessThan(10).PrecisionScale(6, 4, ignoreTrailingZeros: true);
        RuleFor(r => r.Source).MaximumLength(500);
        RuleFor(r => r.LegalBasis).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Name the legal basis.").MaximumLength(300);
    }
}
