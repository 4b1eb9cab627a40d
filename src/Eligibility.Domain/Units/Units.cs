namespace Eligibility.Domain.Units;

public sealed class Province
{
    public required string Code { get; init; }
    public required string Name { get; set; }
}

public sealed class Commune
{
    public required string Code { get; init; }
    public required string ProvinceCode { get; set; }
    public required string Name { get; set; }
    public CommuneKind Kind { get; set; }
    public AreaType AreaType { get; set; }

    /// <summary>An especially difficult commune (xã đặc biệt khó khăn): poor households' workers borrow for jobs at the poor rate.</summary>
    public bool EspeciallyDifficult { get; set; }
}

/// <summary>A village (thôn, ấp, bản, tổ dân phố) of a commune, created and renamed by commune officials.</summary>
public sealed class Village
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; }
    public required string ProvinceCode { get; init; }
    public required string CommuneCode { get; init; }
    public required string Name { get; set; }
    public uint Version { get; private set; }
}
