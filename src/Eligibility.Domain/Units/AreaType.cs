namespace Eligibility.Domain.Units;

/// <summary>The area type the poverty line depends on.</summary>
public enum AreaType
{
    Rural,
    Urban,
}

/// <summary>The kind of a commune-level unit since 1 July 2025.</summary>
public enum CommuneKind
{
    /// <summary>xã: rural commune.</summary>
    Xa,
    /// <summary>phường: urban ward.</summary>
    Phuong,
    /// <summary>đặc khu: special zone; its area type comes from data.</summary>
    DacKhu,
}

public static class CommuneKinds
{
    /// <summary>
    /// The area type a commune of this kind has unless the data says otherwise: phường is urban, xã rural.
    /// Special zones have no rule in law; they default to rural and the unit list may override it.
    /// </summary>
    public static AreaType DefaultAreaType(this CommuneKind kind) => kind == CommuneKind.Phuong ? AreaType.Urban : AreaType.Rural;

    /// <summary>The spelling used by the official unit list (administrative-units-2025.csv).</summary>
    public static bool TryParse(string? text, out CommuneKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "xa" or "xã": kind = CommuneKind.Xa; return true;
            case "phuong" or "phường": kind = CommuneKind.Phuong; return true;
            case "dac_khu" or "dac-khu" or "đặc khu" or "dackhu": kind = CommuneKind.DacKhu; return true;
            default: kind = default; return false;
        }
    }
}
