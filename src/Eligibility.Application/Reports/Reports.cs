using Eligibility.Application.Common;
using Eligibility.Domain.Common;

namespace Eligibility.Application.Reports;

/// <summary>One commune's households by the status in force on the day: counts only, never a personal row.</summary>
public sealed record CommuneStatusCounts(
    string CommuneCode, string CommuneName, long Households, long Poor, long NearPoor, long MiddleLiving, long NotPoor, long NoRecognisedStatus);

public sealed record ProvinceStatusSummary(string ProvinceCode, string ProvinceName, DateOnly AsOf, CommuneStatusCounts Totals, IReadOnlyList<CommuneStatusCounts> Communes);

public interface IReportStore
{
    Task<IReadOnlyList<CommuneStatusCounts>> StatusCounts(string provinceCode, DateOnly asOf, CancellationToken ct);
}

public sealed class ReportService(IReportStore reports, Units.IUnitStore units, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<ProvinceStatusSummary>> StatusSummary(string provinceCode, DateOnly? asOf, CancellationToken ct)
    {
        var province = (await units.Provinces(ct)).FirstOrDefault(p => p.Code == provinceCode);
        if (province is null || !user.MayReportOn(provinceCode))
            return Error.NotFound("Province");
        var day = asOf ?? clock.Today();
        var communes = await reports.StatusCounts(provinceCode, day, ct);
        var totals = new CommuneStatusCounts("", "", communes.Sum(c => c.Households), communes.Sum(c => c.Poor), communes.Sum(c => c.NearPoor),
            communes.Sum(c => c.MiddleLiving), communes.Sum(c => c.NotPoor), communes.Sum(c => c.NoRecognisedStatus));
        return new ProvinceStatusSummary(province.Code, province.Name, day, totals, communes);
    }
}
