namespace Eligibility.Application.Common;

public static class Roles
{
    public const string CommuneOfficial = "commune-official";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    /// <summary>Another system (the bank's): evaluates facts and looks up personal ID numbers nationally; no household data.</summary>
    public const string Integrator = "integrator";

    public static readonly IReadOnlyList<string> All = [CommuneOfficial, Admin, Auditor, Integrator];
}

/// <summary>Who is calling, as the bearer token says.</summary>
public interface ICurrentUser
{
    string Subject { get; }
    string Role { get; }

    /// <summary>The communes an official works for; empty for other roles.</summary>
    IReadOnlySet<string> Communes { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>Only officials of a commune may read or change its households.</summary>
    public static bool MayAccessHouseholdsOf(this ICurrentUser user, string communeCode) =>
        user.Role == Roles.CommuneOfficial && user.Communes.Contains(communeCode);
}
