namespace Eligibility.Domain.Policy;

/// <summary>
/// A public holiday (ngày nghỉ lễ, Tết): not a working day for the procedure's periods. The government sets Tết and the
/// bridging days year by year, so the days are data entered by an admin, each with its legal basis.
/// </summary>
public sealed record PublicHoliday(DateOnly Day, string NameVi, string NameEn, string LegalBasis);
