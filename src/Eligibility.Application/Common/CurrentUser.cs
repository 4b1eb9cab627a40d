namespace Eligibility.Application.Common;

public static class Roles
{
    public const string CommuneOfficial = "commune-official";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    /// <summary>Another system (the bank's): evaluates facts and looks up personal ID numbers nationally; no household data.</summary>
    public const string Integrator = "integrator";

    /// <summary>An officer of a trustee association: its Savings and Loan Groups, their requests and meetings.</summary>
    public const string AssociationOfficer = "association-officer";

    /// <summary>Reads aggregate reports of its provinces; never a personal row.</summary>
    public const string ProvinceViewer = "province-viewer";

    public static readonly IReadOnlyList<string> All = [CommuneOfficial, Admin, Auditor, Integrator, AssociationOfficer, ProvinceViewer];
}

/// <summary>Who is calling, as the bearer token says.</summary>
public interface ICurrentUser
{
    string Subject { get; }
    string Role { get; }

    /// <summary>The communes an official works for; empty for other roles.</summary>
    IReadOnlySet<string> Communes { get; }

    /// <summary>The trustee associations an association officer works for; empty for other roles.</summary>
    IReadOnlySet<Guid> Associations { get; }

    /// <summary>The provinces a province viewer reports on; empty for other roles.</summary>
    IReadOnlySet<string> Provinces { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>Only officials of a commune may read or change its households.</summary>
    public static bool MayAccessHouseholdsOf(this ICurrentUser user, string communeCode) =>
        user.Role == Roles.CommuneOfficial && user.Communes.Contains(communeCode);

    public static bool MayReportOn(this ICurrentUser user, string provinceCode) =>
        user.Role == Roles.ProvinceViewer && user.Provinces.Contains(provinceCode);

    /// <summary>Only officers of an association manage its groups, requests and meetings.</summary>
    public static bool MayManageAssociation(this ICurrentUser user, Guid associationId) =>
        user.Role == Roles.AssociationOfficer && user.Associations.Contains(associationId);
}
