namespace Eligibility.Domain.Loans;

/// <summary>The four trustee associations (tổ chức chính trị - xã hội nhận ủy thác); a commune has at most one of each.</summary>
public enum AssociationKind
{
    FarmersUnion,
    WomensUnion,
    VeteransAssociation,
    YouthUnion,
}

public sealed class Association
{
    Association() { }

    public Guid Id { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public AssociationKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Association Create(Guid id, string provinceCode, string communeCode, AssociationKind kind, string name, DateTimeOffset now) =>
        new() { Id = id, ProvinceCode = provinceCode, CommuneCode = communeCode, Kind = kind, Name = name.Trim(), CreatedAt = now };

    /// <summary>The association's usual Vietnamese name, used when none is given.</summary>
    public static string DefaultName(AssociationKind kind) => kind switch
    {
        AssociationKind.FarmersUnion => "Hội Nông dân",
        AssociationKind.WomensUnion => "Hội Liên hiệp Phụ nữ",
        AssociationKind.VeteransAssociation => "Hội Cựu chiến binh",
        _ => "Đoàn Thanh niên",
    };
}

/// <summary>A Savings and Loan Group (Tổ tiết kiệm và vay vốn) run by an association in one or more villages of its commune.</summary>
public sealed class SavingsGroup
{
    SavingsGroup() { }

    readonly List<SavingsGroupVillage> villages = [];

    public Guid Id { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public Guid AssociationId { get; private set; }
    public string Name { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public Guid? LeaderMemberId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<SavingsGroupVillage> Villages => villages;

    public static SavingsGroup Create(Guid id, Association association, string name, IReadOnlyCollection<Guid> villageIds,
        string leaderName, Guid? leaderMemberId, DateTimeOffset now)
    {
        var group = new SavingsGroup
        {
            Id = id, ProvinceCode = association.ProvinceCode, CommuneCode = association.CommuneCode, AssociationId = association.Id,
            Name = name.Trim(), LeaderName = leaderName.Trim(), LeaderMemberId = leaderMemberId, CreatedAt = now,
        };
        group.villages.AddRange(villageIds.Distinct().Select(v => new SavingsGroupVillage(id, v, association.ProvinceCode, association.CommuneCode)));
        return group;
    }

    public bool Serves(Guid villageId) => villages.Any(v => v.VillageId == villageId);
}

public sealed record SavingsGroupVillage(Guid GroupId, Guid VillageId, string ProvinceCode, string CommuneCode);

/// <summary>A household's membership of a group, from <see cref="JoinedOn"/> until <see cref="LeftOn"/> (exclusive of neither).</summary>
public sealed class GroupMembership
{
    GroupMembership() { }

    public Guid GroupId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public DateOnly JoinedOn { get; private set; }
    public DateOnly? LeftOn { get; private set; }
    /// <summary>The row version (PostgreSQL xmin): two departures racing cannot both be stored.</summary>
    public uint Version { get; private set; }

    public static GroupMembership Join(Guid groupId, Guid householdId, string provinceCode, DateOnly joinedOn) =>
        new() { GroupId = groupId, HouseholdId = householdId, ProvinceCode = provinceCode, JoinedOn = joinedOn };

    public bool IsMemberOn(DateOnly date) => JoinedOn <= date && (LeftOn is null || date <= LeftOn);

    public Common.Result<GroupMembership> Leave(DateOnly leftOn)
    {
        if (LeftOn is not null)
            return Common.Error.Conflict("already-left", $"The household left the group on {Policy.Text.En(LeftOn.Value)}.");
        if (leftOn < JoinedOn)
            return new Common.Error(Common.ErrorKind.Unprocessable, "left-before-joining",
                $"The household joined on {Policy.Text.En(JoinedOn)}; it cannot leave before.", "leftOn");
        LeftOn = leftOn;
        return this;
    }
}
