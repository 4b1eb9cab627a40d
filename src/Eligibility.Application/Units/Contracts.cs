using Eligibility.Domain.Units;

namespace Eligibility.Application.Units;

public sealed record ProvinceResponse(string Code, string Name, int CommuneCount);

public sealed record CommuneResponse(string Code, string Name, string ProvinceCode, string ProvinceName, CommuneKind Kind, AreaType AreaType, bool EspeciallyDifficult);

public sealed record VillageResponse(Guid Id, string CommuneCode, string Name)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

public sealed record VillageRequest
{
    /// <summary>e.g. "Thôn 3", "Ấp Tân Hòa", "Tổ dân phố 5".</summary>
    public required string Name { get; init; }
}

/// <summary>One row of the official unit list, as read from the CSV.</summary>
public sealed record UnitListRow(int Line, string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, CommuneKind Kind, AreaType AreaType);

public sealed record UnitListProblem(int Line, string? Column, string Message);

public sealed record UnitImportResult(int Provinces, int Communes, int ProvincesAdded, int CommunesAdded);

public static class UnitMapping
{
    public static VillageResponse ToResponse(this Village v) => new(v.Id, v.CommuneCode, v.Name) { Version = v.Version };
}
