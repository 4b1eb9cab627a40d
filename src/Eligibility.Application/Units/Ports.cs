using Eligibility.Domain.Common;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Units;

public interface IUnitStore
{
    Task<IReadOnlyList<ProvinceResponse>> Provinces(CancellationToken ct);
    Task<bool> ProvinceExists(string code, CancellationToken ct);
    Task<IReadOnlyList<CommuneResponse>> Communes(string provinceCode, CancellationToken ct);
    Task<CommuneResponse?> Commune(string code, CancellationToken ct);
    Task<IReadOnlyList<VillageResponse>> Villages(string communeCode, CancellationToken ct);

    /// <summary>The village, tracked for change.</summary>
    Task<Village?> FindVillage(Guid id, CancellationToken ct);

    void Add(Village village);

    /// <summary>Saves villages; a name already used in the commune is a conflict.</summary>
    Task<Error?> Save(Village village, uint expectedVersion, CancellationToken ct);

    /// <summary>Upserts the whole list by code in one transaction.</summary>
    Task<UnitImportResult> Import(IReadOnlyList<UnitListRow> rows, CancellationToken ct);
}

/// <summary>Reads the official unit list (administrative-units-2025.csv format).</summary>
public interface IUnitListReader
{
    Task<(IReadOnlyList<UnitListRow> Rows, IReadOnlyList<UnitListProblem> Problems)> Read(Stream csv, CancellationToken ct);
}
