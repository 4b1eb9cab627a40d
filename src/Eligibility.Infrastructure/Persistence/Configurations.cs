using Eligibility.Domain.Households;
using Eligibility.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Eligibility.Infrastructure.Persistence;

// The tables are created by the SQL in db/migrations; these map onto them (a test checks that they agree).

sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.ToTable("provinces");
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasColumnName("code");
        b.Property(p => p.Name).HasColumnName("name");
    }
}

sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> b)
    {
        b.ToTable("communes");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasColumnName("code");
        b.Property(c => c.ProvinceCode).HasColumnName("province_code");
        b.Property(c => c.Name).HasColumnName("name");
        b.Property(c => c.Kind).HasColumnName("kind").HasConversion(EnumText.Converter<CommuneKind>());
        b.Property(c => c.AreaType).HasColumnName("area_type").HasConversion(EnumText.Converter<AreaType>());
        b.Property(c => c.EspeciallyDifficult).HasColumnName("especially_difficult");
    }
}

sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> b)
    {
        b.ToTable("villages");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(v => v.ProvinceCode).HasColumnName("province_code");
        b.Property(v => v.CommuneCode).HasColumnName("commune_code");
        b.Property(v => v.Name).HasColumnName("name");
        b.Property(v => v.Version).IsRowVersion();
    }
}

sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(h => h.ProvinceCode).HasColumnName("province_code");
        b.Property(h => h.CommuneCode).HasColumnName("commune_code");
        b.Property(h => h.VillageId).HasColumnName("village_id");
        b.Property(h => h.Address).HasColumnName("address");
        b.Property(h => h.HeadName).HasColumnName("head_name");
        b.Property(h => h.MemberNames).HasColumnName("member_names");
        b.Property(h => h.CreatedAt).HasColumnName("created_at");
        b.Property(h => h.UpdatedAt).HasColumnName("updated_at");
        b.Property(h => h.Version).IsRowVersion();
        b.Ignore(h => h.Head);
        b.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(h => h.Members).HasField("members").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(m => m.HouseholdId).HasColumnName("household_id");
        b.Property(m => m.ProvinceCode).HasColumnName("province_code");
        b.Property(m => m.FullName).HasColumnName("full_name");
        b.Property(m => m.DateOfBirth).HasColumnName("date_of_birth");
        b.Property(m => m.Sex).HasColumnName("sex").HasConversion(EnumText.Converter<Sex>());
        b.Property(m => m.Relationship).HasColumnName("relationship").HasConversion(EnumText.Converter<Relationship>());
        b.Property(m => m.PersonalId).HasColumnName("personal_id");
        b.Property(m => m.Ethnicity).HasColumnName("ethnicity");
        b.Property(m => m.EthnicMinority).HasColumnName("ethnic_minority");
        b.Property(m => m.HasDisability).HasColumnName("has_disability");
        b.Property(m => m.HasHealthInsurance).HasColumnName("has_health_insurance");
        b.Property(m => m.Schooling).HasColumnName("schooling").HasConversion(EnumText.Converter<Schooling>());
        b.Property(m => m.ReceivesSocialAllowance).HasColumnName("receives_social_allowance");
        b.Property(m => m.CaresForSevereDisability).HasColumnName("cares_for_severe_disability");
    }
}
