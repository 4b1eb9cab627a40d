using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Eligibility.Domain.Reports;

namespace Eligibility.Application.Reports;

/// <summary>One commune's households by the status in force on the day, as counted.</summary>
public sealed record StatusCounts(
    string CommuneCode, string CommuneName, long Households, long Poor, long NearPoor, long MiddleLiving, long NotPoor, long NoRecognisedStatus);

/// <summary>
/// One commune's households by the status in force on the day: counts only, never a personal row. A count from 1 to 4
/// is null, and so is one more count of the row when it alone would give the hidden one away (Suppressed: true).
/// In the totals, a null is never shown: they add up the published counts only, and Suppressed says some were left out.
/// </summary>
public sealed record CommuneStatusCounts(
    string CommuneCode, string CommuneName, long? Households, long? Poor, long? NearPoor, long? MiddleLiving, long? NotPoor, long? NoRecognisedStatus,
    bool Suppressed);

public sealed record ProvinceStatusSummary(string ProvinceCode, string ProvinceName, DateOnly AsOf, CommuneStatusCounts Totals, IReadOnlyList<CommuneStatusCounts> Communes);

public interface IReportStore
{
    Task<IReadOnlyList<StatusCounts>> StatusCounts(string provinceCode, DateOnly asOf, CancellationToken ct);
}

public sealed class ReportService(IReportStore reports, Units.IUnitStore units, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<ProvinceStatusSummary>> StatusSummary(string provinceCode, DateOnly? asOf, CancellationToken ct)
    {
        var province = (await units.Provinces(ct)).FirstOrDefault(p => p.Code == provinceCode);
        if (province is null || !user.MayReportOn(provinceCode))
            return Error.NotFound("Province");
        var day = asOf ?? clock.Today();
        var communes = (await reports.StatusCounts(provinceCode, day, ct)).Select(Published).ToList();
        // Totals of the published counts only: a total of every count would give back a commune's hidden one.
        long Sum(Func<CommuneStatusCounts, long?> cell) => communes.Sum(c => cell(c) ?? 0);
        var totals = new CommuneStatusCounts("", "", Sum(c => c.Households), Sum(c => c.Poor), Sum(c => c.NearPoor), Sum(c => c.MiddleLiving),
            Sum(c => c.NotPoor), Sum(c => c.NoRecognisedStatus), communes.Any(c => c.Suppressed));
        return new ProvinceStatusSummary(province.Code, province.Name, day, totals, communes);
    }

    static CommuneStatusCounts Published(StatusCounts c)
    {
        var cells = SmallCounts.Suppress([c.Households, c.Poor, c.NearPoor, c.MiddleLiving, c.NotPoor, c.NoRecognisedStatus]);
        return new CommuneStatusCounts(c.CommuneCode, c.CommuneName, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells.Any(v => v is null));
    }
}
