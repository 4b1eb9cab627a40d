using Eligibility.Domain.Loans;
using Eligibility.Infrastructure.Persistence;
using Eligibility.Infrastructure.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eligibility.Infrastructure.Loans;

sealed class AssociationConfiguration : IEntityTypeConfiguration<Association>
{
    public void Configure(EntityTypeBuilder<Association> b)
    {
        b.ToTable("associations");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(a => a.ProvinceCode).HasColumnName("province_code");
        b.Property(a => a.CommuneCode).HasColumnName("commune_code");
        b.Property(a => a.Kind).HasColumnName("kind").HasConversion(EnumText.Converter<AssociationKind>());
        b.Property(a => a.Name).HasColumnName("name");
        b.Property(a => a.CreatedAt).HasColumnName("created_at");
    }
}

sealed class SavingsGroupConfiguration : IEntityTypeConfiguration<SavingsGroup>
{
    public void Configure(EntityTypeBuilder<SavingsGroup> b)
    {
        b.ToTable("savings_groups");
        b.HasKey(g => g.Id);
        b.Property(g => g.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(g => g.ProvinceCode).HasColumnName("province_code");
        b.Property(g => g.CommuneCode).HasColumnName("commune_code");
        b.Property(g => g.AssociationId).HasColumnName("association_id");
        b.Property(g => g.Name).HasColumnName("name");
        b.Property(g => g.LeaderName).HasColumnName("leader_name");
        b.Property(g => g.LeaderMemberId).HasColumnName("leader_member_id");
        b.Property(g => g.CreatedAt).HasColumnName("created_at");
        b.HasMany(g => g.Villages).WithOne().HasForeignKey(v => v.GroupId);
        b.Navigation(g => g.Villages).HasField("villages").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class SavingsGroupVillageConfiguration : IEntityTypeConfiguration<SavingsGroupVillage>
{
    public void Configure(EntityTypeBuilder<SavingsGroupVillage> b)
    {
        b.ToTable("savings_group_villages");
        b.HasKey(v => new { v.GroupId, v.VillageId });
        b.Property(v => v.GroupId).HasColumnName("group_id");
        b.Property(v => v.VillageId).HasColumnName("village_id");
        b.Property(v => v.ProvinceCode).HasColumnName("province_code");
        b.Property(v => v.CommuneCode).HasColumnName("commune_code");
    }
}

sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> b)
    {
        b.ToTable("group_memberships");
        b.HasKey(m => new { m.GroupId, m.HouseholdId });
        b.Property(m => m.GroupId).HasColumnName("group_id");
        b.Property(m => m.HouseholdId).HasColumnName("household_id");
        b.Property(m => m.ProvinceCode).HasColumnName("province_code");
        b.Property(m => m.JoinedOn).HasColumnName("joined_on");
        b.Property(m => m.LeftOn).HasColumnName("left_on");
        b.Property(m => m.Version).IsRowVersion();
    }
}

sealed class GroupMeetingConfiguration : IEntityTypeConfiguration<GroupMeeting>
{
    public void Configure(EntityTypeBuilder<GroupMeeting> b)
    {
        b.ToTable("group_meetings");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(m => m.GroupId).HasColumnName("group_id");
        b.Property(m => m.ProvinceCode).HasColumnName("province_code");
        b.Property(m => m.CommuneCode).HasColumnName("commune_code");
        b.Property(m => m.HeldOn).HasColumnName("held_on");
        b.Property(m => m.Attendees).HasColumnName("attendees");
        b.Property(m => m.MembersTotal).HasColumnName("members_total");
        b.Property(m => m.ChairedBy).HasColumnName("chaired_by");
        b.Property(m => m.CreatedAt).HasColumnName("created_at");
    }
}

sealed class LoanRequestConfiguration : IEntityTypeConfiguration<LoanRequest>
{
    public void Configure(EntityTypeBuilder<LoanRequest> b)
    {
        b.ToTable("loan_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(r => r.HouseholdId).HasColumnName("household_id");
        b.Property(r => r.ProvinceCode).HasColumnName("province_code");
        b.Property(r => r.CommuneCode).HasColumnName("commune_code");
        b.Property(r => r.GroupId).HasColumnName("group_id");
        b.Property(r => r.AssociationId).HasColumnName("association_id");
        b.Property(r => r.BorrowerMemberId).HasColumnName("borrower_member_id");
        b.Property(r => r.BorrowerName).HasColumnName("borrower_name");
        b.Property(r => r.ProgrammeCode).HasColumnName("programme_code");
        b.Property(r => r.Amount).HasColumnName("amount").HasColumnType("numeric(16,0)");
        b.Property(r => r.Purpose).HasColumnName("purpose");
        b.Property(r => r.TermMonths).HasColumnName("term_months");
        b.Property(r => r.FiledOn).HasColumnName("filed_on");
        b.Property(r => r.Eligibility).HasColumnName("eligibility").AsJson();
        b.Property(r => r.Status).HasColumnName("status").HasConversion(EnumText.Converter<LoanRequestStatus>());
        b.Property(r => r.MeetingId).HasColumnName("meeting_id");
        b.Property(r => r.DecisionReason).HasColumnName("decision_reason");
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        b.Property(r => r.Version).IsRowVersion();
    }
}
