using Eligibility.Domain.Common;
using Eligibility.Domain.Households;

namespace Eligibility.Domain.Tests.Households;

public sealed class HouseholdTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    static MemberFacts Facts(string name, Relationship relationship, string? id = null) =>
        new(name, new DateOnly(1980, 1, 1), Sex.Male, relationship, id, "Kinh", false, false, true, null, false);

    static Household Register(params MemberFacts[] members) =>
        Household.Register(Guid.NewGuid(), "68", "24778", Guid.NewGuid(), "  Số 1  ", members.Select(m => (Guid.NewGuid(), m)).ToList(), Now).Value;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Register_NeedsExactlyOneHead(int heads)
    {
        var members = Enumerable.Range(0, heads).Select(i => (Guid.NewGuid(), Facts($"Head {i}", Relationship.Head)))
            .Append((Guid.NewGuid(), Facts("Child", Relationship.Child))).ToList();
        var result = Household.Register(Guid.NewGuid(), "68", "24778", Guid.NewGuid(), "x", members, Now);
        Assert.False(result.IsSuccess);
        Assert.Equal("members", result.FirstError.Field);
    }

    [Fact]
    public void Register_KeepsTheHeadAndEveryNameOnTheRow_AndTheProvinceOnEveryMember()
    {
        var h = Register(Facts("Nguyễn Thị Hoà", Relationship.Head), Facts("Trần Văn Minh", Relationship.Child));
        Assert.Equal("Nguyễn Thị Hoà", h.HeadName);
        Assert.Equal("Nguyễn Thị Hoà | Trần Văn Minh", h.MemberNames);
        Assert.Equal("Số 1", h.Address);
        Assert.All(h.Members, m => Assert.Equal("68", m.ProvinceCode));
    }

    [Fact]
    public void Names_AreNormalisedToNfc()
    {
        var h = Register(Facts(" Hoà ".Normalize(System.Text.NormalizationForm.FormD), Relationship.Head));
        Assert.Equal("Hoà".Normalize(System.Text.NormalizationForm.FormC), h.Head.FullName);
    }

    [Fact]
    public void ChangingTheHead_NeedsTheFormerHeadsNewRelationship()
    {
        var h = Register(Facts("Cha", Relationship.Head), Facts("Con", Relationship.Child));
        var son = h.Members.Single(m => m.FullName == "Con");

        Assert.Equal("formerHeadRelationship", h.Update(h.VillageId, "x", son.Id, null, Now).FirstError.Field);
        Assert.Equal("formerHeadRelationship", h.Update(h.VillageId, "x", son.Id, Relationship.Head, Now).FirstError.Field);

        Assert.True(h.Update(h.VillageId, "x", son.Id, Relationship.Parent, Now).IsSuccess);
        Assert.Equal(son, h.Head);
        Assert.Equal("Con", h.HeadName);
        Assert.Equal(Relationship.Parent, h.Members.Single(m => m.FullName == "Cha").Relationship);
    }

    [Fact]
    public void TheHead_CannotBeRemovedOrDemoted_AndASecondHeadCannotBeAdded()
    {
        var h = Register(Facts("Cha", Relationship.Head), Facts("Con", Relationship.Child));
        Assert.Equal(ErrorKind.Conflict, h.RemoveMember(h.Head.Id, Now).FirstError.Kind);
        Assert.Equal("relationship", h.UpdateMember(h.Head.Id, Facts("Cha", Relationship.Spouse), Now).FirstError.Field);
        Assert.Equal("relationship", h.AddMember(Guid.NewGuid(), Facts("Khác", Relationship.Head), Now).FirstError.Field);
        var son = h.Members.Single(m => m.FullName == "Con");
        Assert.Equal("relationship", h.UpdateMember(son.Id, Facts("Con", Relationship.Head), Now).FirstError.Field);
        Assert.Single(h.Members, m => m.Relationship == Relationship.Head);
    }

    [Fact]
    public void MemberChanges_KeepTheNamesOnTheRowCurrent()
    {
        var h = Register(Facts("Mẹ", Relationship.Head));
        var child = h.AddMember(Guid.NewGuid(), Facts("Bé", Relationship.Child), Now.AddDays(1)).Value;
        Assert.Equal("Mẹ | Bé", h.MemberNames);
        Assert.Equal(Now.AddDays(1), h.UpdatedAt);
        h.UpdateMember(child.Id, Facts("Bé Na", Relationship.Child), Now);
        Assert.Equal("Mẹ | Bé Na", h.MemberNames);
        h.RemoveMember(child.Id, Now);
        Assert.Equal("Mẹ", h.MemberNames);
    }

    [Fact]
    public void AHousehold_HasAtMostFiftyMembers()
    {
        var h = Register(Facts("Chủ", Relationship.Head));
        for (int i = 1; i < Household.MaxMembers; i++)
            Assert.True(h.AddMember(Guid.NewGuid(), Facts($"M{i}", Relationship.OtherRelative), Now).IsSuccess);
        Assert.False(h.AddMember(Guid.NewGuid(), Facts("One too many", Relationship.OtherRelative), Now).IsSuccess);
    }

    [Theory]
    [InlineData("2000-03-01", "2018-02-28", 17)]
    [InlineData("2000-03-01", "2018-03-01", 18)]
    [InlineData("2000-02-29", "2018-02-28", 17)]
    [InlineData("2000-02-29", "2018-03-01", 18)]
    public void Age_CountsWholeYears(string born, string on, int age)
    {
        var h = Household.Register(Guid.NewGuid(), "68", "24778", Guid.NewGuid(), "x",
            [(Guid.NewGuid(), Facts("A", Relationship.Head) with { DateOfBirth = DateOnly.Parse(born) })], Now).Value;
        Assert.Equal(age, h.Head.AgeOn(DateOnly.Parse(on)));
    }
}
