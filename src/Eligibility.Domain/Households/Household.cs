using Eligibility.Domain.Common;

namespace Eligibility.Domain.Households;

/// <summary>
/// A household (hộ gia đình): people registered at one residence in one commune and village, with exactly one head.
/// It carries its province code because that is the key household data is partitioned and distributed on.
/// </summary>
public sealed class Household
{
    public const int MaxAddressLength = 200;
    public const int MaxMembers = 50;

    readonly List<Member> members = [];

    Household() { }

    public Guid Id { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public Guid VillageId { get; private set; }
    public string Address { get; private set; } = "";

    /// <summary>Kept on the row so lists can sort and show the head without reading members.</summary>
    public string HeadName { get; private set; } = "";

    /// <summary>Every member's name, kept on the row so a name search within a commune is one indexed scan.</summary>
    public string MemberNames { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }
    public IReadOnlyList<Member> Members => members;
    public Member Head => members.Single(m => m.Relationship == Relationship.Head);

    public static Result<Household> Register(
        Guid id, string provinceCode, string communeCode, Guid villageId, string address,
        IReadOnlyList<(Guid Id, MemberFacts Facts)> members, DateTimeOffset now)
    {
        int heads = members.Count(m => m.Facts.Relationship == Relationship.Head);
        if (heads != 1)
            return Error.Invalid("members", $"A household has exactly one head; {heads} members have relationship 'head'.");

        var household = new Household
        {
            Id = id,
            ProvinceCode = provinceCode,
            CommuneCode = communeCode,
            VillageId = villageId,
            Address = address.Trim(),
            CreatedAt = now,
        };
        foreach (var (memberId, facts) in members)
            household.members.Add(Member.Create(memberId, household, facts));
        household.Touch(now);
        return household;
    }

    /// <summary>Moves the household within its commune, corrects its address, and hands headship to another member.</summary>
    public Result<Household> Update(Guid villageId, string address, Guid headMemberId, Relationship? formerHeadRelationship, DateTimeOffset now)
    {
        var newHead = members.Find(m => m.Id == headMemberId);
        if (newHead is null)
            return Error.Invalid("headMemberId", "The new head must be a member of this household.");

        var oldHead = Head;
        if (newHead != oldHead)
        {
            if (formerHeadRelationship is null or Relationship.Head)
                return Error.Invalid("formerHeadRelationship", "When the head changes, give the former head's new relationship (not 'head').");
            oldHead.Relationship = formerHeadRelationship.Value;
            newHead.Relationship = Relationship.Head;
        }

        VillageId = villageId;
        Address = address.Trim();
        Touch(now);
        return this;
    }

    public Result<Member> AddMember(Guid id, MemberFacts facts, DateTimeOffset now)
    {
        if (facts.Relationship == Relationship.Head)
            return Error.Invalid("relationship", "The household already has a head; change the head through the household instead.");
        if (members.Count >= MaxMembers)
            return Error.Conflict("too-many-members", $"A household has at most {MaxMembers} members.");

        var member = Member.Create(id, this, facts);
        members.Add(member);
        Touch(now);
        return member;
    }

    public Result<Member> UpdateMember(Guid memberId, MemberFacts facts, DateTimeOffset now)
    {
        var member = members.Find(m => m.Id == memberId);
        if (member is null)
            return Error.NotFound("Member");
        bool isHead = member.Relationship == Relationship.Head;
        if (isHead != (facts.Relationship == Relationship.Head))
            return Error.Invalid("relationship", isHead
                ? "The head's relationship stays 'head'; change the head through the household instead."
                : "A household has exactly one head; change the head through the household instead.");

        member.Apply(facts);
        Touch(now);
        return member;
    }

    public Result<Member> RemoveMember(Guid memberId, DateTimeOffset now)
    {
        var member = members.Find(m => m.Id == memberId);
        if (member is null)
            return Error.NotFound("Member");
        if (member.Relationship == Relationship.Head)
            return Error.Conflict("head-cannot-be-removed", "The head cannot be removed; make another member the head first.");

        members.Remove(member);
        Touch(now);
        return member;
    }

    void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        HeadName = Head.FullName;
        MemberNames = string.Join(" | ", members.Select(m => m.FullName));
    }
}
