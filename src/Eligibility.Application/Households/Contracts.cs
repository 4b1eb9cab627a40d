using Eligibility.Application.Common;
using Eligibility.Domain.Households;

namespace Eligibility.Application.Households;

public sealed record MemberRequest
{
    /// <summary>Full name as written, e.g. "Nguyễn Thị Hoà" (stored in Unicode NFC).</summary>
    public required string FullName { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required Sex Sex { get; init; }
    public required Relationship Relationship { get; init; }
    /// <summary>12-digit personal identification number; children may have none yet.</summary>
    public string? PersonalId { get; init; }
    /// <summary>Ethnic group, e.g. "Kinh", "Ê Đê".</summary>
    public string? Ethnicity { get; init; }
    public bool EthnicMinority { get; init; }
    public bool HasDisability { get; init; }
    public bool? HasHealthInsurance { get; init; }
    /// <summary>Children aged 3 to under 16: whether they attend school at the right level for their age.</summary>
    public Schooling? Schooling { get; init; }
    /// <summary>Receives a monthly social allowance (elderly or disabled people counted as dependants).</summary>
    public bool ReceivesSocialAllowance { get; init; }
    /// <summary>
    /// The member's household directly cares for a person with an especially severe disability, or the member takes in
    /// and cares for one: a priority worker for job-creation loans from 2026 (Law 74/2025/QH15 Art. 9).
    /// </summary>
    public bool CaresForSevereDisability { get; init; }

    public MemberFacts ToFacts() => new(FullName, DateOfBirth, Sex, Relationship, PersonalId, Ethnicity, EthnicMinority,
        HasDisability, HasHealthInsurance, Schooling, ReceivesSocialAllowance, CaresForSevereDisability);
}

public sealed record CreateHouseholdRequest
{
    public required string CommuneCode { get; init; }
    public required Guid VillageId { get; init; }
    public required string Address { get; init; }
    public required IReadOnlyList<MemberRequest> Members { get; init; }
}

public sealed record UpdateHouseholdRequest
{
    public required Guid VillageId { get; init; }
    public required string Address { get; init; }
    public required Guid HeadMemberId { get; init; }
    /// <summary>Required when the head changes: the former head's relationship to the new head.</summary>
    public Relationship? FormerHeadRelationship { get; init; }
}

/// <summary>Find the household of a person: the number travels in the body, never in a URL.</summary>
public sealed record PersonalIdSearchRequest
{
    public required string PersonalId { get; init; }
}

public sealed record MemberResponse(
    Guid Id,
    string FullName,
    DateOnly DateOfBirth,
    Sex Sex,
    Relationship Relationship,
    string? PersonalId,
    string? Ethnicity,
    bool EthnicMinority,
    bool HasDisability,
    bool? HasHealthInsurance,
    Schooling? Schooling,
    bool ReceivesSocialAllowance,
    bool CaresForSevereDisability);

public sealed record HouseholdResponse(
    Guid Id,
    string ProvinceCode,
    string CommuneCode,
    Guid VillageId,
    string VillageName,
    string Address,
    Guid HeadMemberId,
    string HeadName,
    IReadOnlyList<MemberResponse> Members,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Not in the body: sent as the ETag header.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>Search a commune's households by name: the name travels in the body, never in a URL.</summary>
public sealed record HouseholdSearchRequest
{
    /// <summary>Any member's name, ignoring case and Vietnamese diacritics ("nguyen thi hoa" finds "Nguyễn Thị Hoà").</summary>
    public required string Name { get; init; }
    /// <summary>Only households of this village.</summary>
    public Guid? Village { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = PageRequest.DefaultPageSize;
}

public sealed record HouseholdSummary(
    Guid Id,
    string CommuneCode,
    Guid VillageId,
    string VillageName,
    string Address,
    string HeadName,
    int MemberCount);

public sealed record HouseholdListQuery(string CommuneCode, Guid? VillageId, string? Name, int Page, int PageSize);

public static class HouseholdMapping
{
    public static MemberResponse ToResponse(this Member m) => new(
        m.Id, m.FullName, m.DateOfBirth, m.Sex, m.Relationship, m.PersonalId, m.Ethnicity, m.EthnicMinority,
        m.HasDisability, m.HasHealthInsurance, m.Schooling, m.ReceivesSocialAllowance, m.CaresForSevereDisability);

    // Officials of the commune see ID numbers whole: they match them against ID cards.
    public static HouseholdResponse ToResponse(this Household h, string villageName) => new(
        h.Id, h.ProvinceCode, h.CommuneCode, h.VillageId, villageName, h.Address, h.Head.Id, h.HeadName,
        h.Members.OrderBy(m => m.Relationship != Relationship.Head).ThenBy(m => m.DateOfBirth).Select(m => m.ToResponse()).ToList(),
        h.CreatedAt, h.UpdatedAt)
    {
        Version = h.Version,
    };
}
