namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>An API whose database has the test communes and two villages in each of the first two.</summary>
public sealed class RegistryApi : ApiFactory, IAsyncLifetime
{
    public Guid UrbanVillage { get; private set; }
    public Guid UrbanVillage2 { get; private set; }
    public Guid RuralVillage { get; private set; }
    public Guid OtherProvinceVillage { get; private set; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Arrange.Units(this);
        UrbanVillage = await Arrange.Village(this, Arrange.UrbanCommune, "Tổ dân phố 1");
        UrbanVillage2 = await Arrange.Village(this, Arrange.UrbanCommune, "Tổ dân phố 2");
        RuralVillage = await Arrange.Village(this, Arrange.RuralCommune, "Thôn Liêng Trang");
        OtherProvinceVillage = await Arrange.Village(this, Arrange.OtherProvinceCommune, "Khu phố 1");
    }
}
