namespace Eligibility.Application.Common;

public static class Roles
{
    public const string CommuneOfficial = "commune-official";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [CommuneOfficial, Admin, Auditor];
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
