using System.Net;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>Reference data and households that tests start from.</summary>
public static class Arrange
{
    public const string UrbanCommune = "24778";
    public const string RuralCommune = "24853";
    public const string OtherProvinceCommune = "26734";

    /// <summary>Two communes of Lâm Đồng and one of TP. Hồ Chí Minh, as the official unit list has them.</summary>
    public static Task Units(ApiFactory api) => api.Execute("""
        INSERT INTO provinces (code, name) VALUES ('68', 'Tỉnh Lâm Đồng'), ('79', 'Thành phố Hồ Chí Minh');
        INSERT INTO communes (code, province_code, name, kind, area_type) VALUES
            ('24778', '68', 'Phường Lâm Viên - Đà Lạt', 'phuong', 'urban'),
            ('24853', '68', 'Xã Đam Rông 4', 'xa', 'rural'),
            ('26734', '79', 'Phường Sài Gòn', 'phuong', 'urban');
        """);

    public static async Task<Guid> Village(ApiFactory api, string commune, string name)
    {
        var response = await api.Official(commune).Post($"/api/v1/communes/{commune}/villages", new { name });
        return (Guid)(await response.Expect(HttpStatusCode.Created))["id"]!;
    }

    public static object Member(string fullName, string dateOfBirth, string sex, string relationship, string? personalId = null) =>
        new { fullName, dateOfBirth, sex, relationship, personalId };

    /// <summary>A well-formed ID number for a person of this sex and birth year (digit 4: century and sex; 5-6: year).</summary>
    public static string PersonalId(string sex, int birthYear, int serial, string province = "068") =>
        $"{province}{(birthYear / 100 - 19) * 2 + (sex == "female" ? 1 : 0)}{birthYear % 100:00}{serial:000000}";

    public static object Household(string commune, Guid village, params object[] members) =>
        new { communeCode = commune, villageId = village, address = "Số 12, đường Phan Đình Phùng", members };
}
